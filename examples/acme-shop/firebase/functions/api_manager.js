const axios = require("axios").default;
const qs = require("qs");

/// Start Payments Group Code

function createPaymentsGroup() {
  return {
    baseUrl: `https://api.payments.example/v1`,
    headers: {},
  };
}

async function _createCheckoutSessionCall(context, ffVariables) {
  if (!context.auth) {
    return _unauthenticatedResponse;
  }
  var priceId = ffVariables["priceId"];
  var quantity = ffVariables["quantity"];
  var successUrl = ffVariables["successUrl"];
  var paymentsGroup = createPaymentsGroup();

  var url = `${paymentsGroup.baseUrl}/checkout/sessions`;
  var headers = {
    // The key is set with `firebase functions:secrets:set PAYMENTS_SECRET_KEY`.
    Authorization: `Bearer ${process.env.PAYMENTS_SECRET_KEY}`,
  };
  var params = {
    "line_items[0][price]": priceId,
    "line_items[0][quantity]": quantity,
    mode: `payment`,
    success_url: successUrl,
  };
  var ffApiRequestBody = undefined;

  return makeApiRequest({
    method: "post",
    url,
    headers,
    params,
    body: createBody({
      headers,
      params,
      body: ffApiRequestBody,
      bodyType: "X_WWW_FORM_URL_ENCODED",
    }),
    returnBody: true,
    isStreamingApi: false,
  });
}

/// End Payments Group Code

/// Helper functions to route to the appropriate API Call.

async function makeApiCall(context, data) {
  var callName = data["callName"] || "";
  var variables = data["variables"] || {};

  const callMap = {
    CreateCheckoutSessionCall: _createCheckoutSessionCall,
  };

  if (!(callName in callMap)) {
    return {
      statusCode: 400,
      error: `API Call "${callName}" not defined as private API.`,
    };
  }

  var apiCall = callMap[callName];
  var response = await apiCall(context, variables);
  return response;
}

async function makeApiRequest({
  method,
  url,
  headers,
  params,
  body,
  returnBody,
  isStreamingApi,
}) {
  return axios
    .request({
      method: method,
      url: url,
      headers: headers,
      params: params,
      responseType: isStreamingApi ? "stream" : "json",
      ...(body && { data: body }),
    })
    .then((response) => {
      return {
        statusCode: response.status,
        headers: response.headers,
        ...(returnBody && { body: response.data }),
        isStreamingApi: isStreamingApi,
      };
    })
    .catch(function (error) {
      return {
        statusCode: error.response ? error.response.status : 400,
        headers: error.response ? error.response.headers : {},
        ...(returnBody && error.response && { body: error.response.data }),
        error: error.message,
      };
    });
}

const _unauthenticatedResponse = {
  statusCode: 401,
  headers: {},
  error: "API call requires authentication",
};

function createBody({ headers, params, body, bodyType }) {
  switch (bodyType) {
    case "JSON":
      headers["Content-Type"] = "application/json; charset=utf-8";
      return body;
    case "TEXT":
      headers["Content-Type"] = "text/plain";
      return body;
    case "X_WWW_FORM_URL_ENCODED":
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      return qs.stringify(params);
  }
}

module.exports = {
  makeApiCall,
};

const functions = require("firebase-functions");
const admin = require("firebase-admin");
admin.initializeApp();

const { makeApiCall } = require("./api_manager");

exports.ffPrivateApiCall = functions
  .runWith({ minInstances: 0, timeoutSeconds: 120 })
  .https.onCall(async (data, context) => {
    try {
      console.log(`Making API call for ${data["callName"]}`);
      var response = await makeApiCall(context, data);
      console.log(`Done making API Call! Status: ${response.statusCode}`);
      return response;
    } catch (err) {
      console.error(`Error performing API call: ${err}`);
      return {
        statusCode: 400,
        error: `${err}`,
      };
    }
  });

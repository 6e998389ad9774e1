import 'dart:convert';
import 'dart:typed_data';
import '../schema/structs/index.dart';
import '../cloud_functions/cloud_functions.dart';

import 'package:flutter/foundation.dart';

import '/flutter_flow/flutter_flow_util.dart';
import 'api_manager.dart';

export 'api_manager.dart' show ApiCallResponse;
import '/environment_values.dart';

const _kPrivateApiFunctionName = 'ffPrivateApiCall';

/// Start AcmeBackend Group Code

class AcmeBackendGroup {
  static String getBaseUrl({
    String? apiBaseUrl,
    String? authToken = '',
  }) {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    return '${apiBaseUrl}/v1';
  }

  static Map<String, String> headers = {
    'Authorization': 'Bearer [authToken]',
    'Accept': 'application/json',
  };
  static ListProductsCall listProductsCall = ListProductsCall();
  static GetProductCall getProductCall = GetProductCall();
  static SearchProductsCall searchProductsCall = SearchProductsCall();
  static CreateOrderCall createOrderCall = CreateOrderCall();
  static UpdateOrderCall updateOrderCall = UpdateOrderCall();
  static CancelOrderCall cancelOrderCall = CancelOrderCall();
  static ReplaceAddressCall replaceAddressCall = ReplaceAddressCall();
  static UploadProductImageCall uploadProductImageCall =
      UploadProductImageCall();
  static GetTenantSettingsCall getTenantSettingsCall = GetTenantSettingsCall();
  static LoginCall loginCall = LoginCall();
  static MarkNotificationsReadCall markNotificationsReadCall =
      MarkNotificationsReadCall();
  static GetLoyaltyBalanceCall getLoyaltyBalanceCall = GetLoyaltyBalanceCall();
}

class ListProductsCall {
  Future<ApiCallResponse> call({
    String? category = '',
    int? page = 1,
    int? perPage = 20,
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'listProducts',
      apiUrl: '${baseUrl}/products',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {
        'category': category,
        'page': page,
        'per_page': perPage,
      },
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  List? products(dynamic response) => getJsonField(
        response,
        r'''$.data''',
        true,
      ) as List?;
  List<String>? titles(dynamic response) => (getJsonField(
        response,
        r'''$.data[:].title''',
        true,
      ) as List?)
          ?.withoutNulls
          .map((x) => castToType<String>(x))
          .withoutNulls
          .toList();
  int? total(dynamic response) => castToType<int>(getJsonField(
        response,
        r'''$.meta.total''',
      ));
}

class GetProductCall {
  Future<ApiCallResponse> call({
    String? productId = '',
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'getProduct',
      apiUrl: '${baseUrl}/products/${productId}',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {},
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  String? title(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.data.title''',
      ));
  dynamic price(dynamic response) => getJsonField(
        response,
        r'''$.data.price''',
      );
  bool? inStock(dynamic response) => castToType<bool>(getJsonField(
        response,
        r'''$.data.in_stock''',
      ));
}

class SearchProductsCall {
  Future<ApiCallResponse> call({
    String? query = '',
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'searchProducts',
      apiUrl: '${baseUrl}/products/search',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {
        'q': query,
      },
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: true,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  List? results(dynamic response) => getJsonField(
        response,
        r'''$.data''',
        true,
      ) as List?;
}

class CreateOrderCall {
  Future<ApiCallResponse> call({
    String? cartId = '',
    String? shippingMethod = 'standard',
    String? note = '',
    dynamic? itemsJson,
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    final items = _serializeJson(itemsJson, true);
    
    final ffApiRequestBody = '''
{
  "cart_id": "${cartId}",
  "shipping_method": "${shippingMethod}",
  "note": "${escapeStringForJson(note)}",
  "gift_message": "<giftMessage>",
  "items": ${items}
}''';
    return ApiManager.instance.makeApiCall(
      callName: 'createOrder',
      apiUrl: '${baseUrl}/orders',
      callType: ApiCallType.POST,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {},
      body: ffApiRequestBody,
      bodyType: BodyType.JSON,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  String? orderId(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.order.id''',
      ));
  dynamic orderTotal(dynamic response) => getJsonField(
        response,
        r'''$.order.total''',
      );
}

class UpdateOrderCall {
  Future<ApiCallResponse> call({
    String? orderId = '',
    String? status = '',
    String? note = '',
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    final ffApiRequestBody = '''
{
  "status": "${status}",
  "note": "${escapeStringForJson(note)}"
}''';
    return ApiManager.instance.makeApiCall(
      callName: 'updateOrder',
      apiUrl: '${baseUrl}/orders/${orderId}',
      callType: ApiCallType.PATCH,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {},
      body: ffApiRequestBody,
      bodyType: BodyType.JSON,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }
}

class CancelOrderCall {
  Future<ApiCallResponse> call({
    String? orderId = '',
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'cancelOrder',
      apiUrl: '${baseUrl}/orders/${orderId}',
      callType: ApiCallType.DELETE,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {},
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }
}

class ReplaceAddressCall {
  Future<ApiCallResponse> call({
    String? addressId = '',
    String? line1 = '',
    String? city = '',
    String? postalCode = '',
    String? country = 'US',
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    final ffApiRequestBody = '''
{
  "line1": "${escapeStringForJson(line1)}",
  "city": "${escapeStringForJson(city)}",
  "postal_code": "${postalCode}",
  "country": "${country}"
}''';
    return ApiManager.instance.makeApiCall(
      callName: 'replaceAddress',
      apiUrl: '${baseUrl}/me/addresses/${addressId}',
      callType: ApiCallType.PUT,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {},
      body: ffApiRequestBody,
      bodyType: BodyType.JSON,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }
}

class UploadProductImageCall {
  Future<ApiCallResponse> call({
    String? productId = '',
    FFUploadedFile? image,
    String? altText = '',
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'uploadProductImage',
      apiUrl: '${baseUrl}/products/${productId}/images',
      callType: ApiCallType.POST,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
        'Content-Type': 'application/json',
      },
      params: {
        'image': image,
        'alt_text': altText,
      },
      bodyType: BodyType.MULTIPART,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  String? imageUrl(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.image.url''',
      ));
}

class GetTenantSettingsCall {
  Future<ApiCallResponse> call({
    String? tenantId = '',
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'getTenantSettings',
      apiUrl: '${baseUrl}/tenant/settings',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
        'X-Tenant-Id ': '${tenantId}',
      },
      params: {},
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  String? currency(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.settings.currency''',
      ));
  bool? taxIncluded(dynamic response) => castToType<bool>(getJsonField(
        response,
        r'''$.settings.tax_included''',
      ));
}

class LoginCall {
  Future<ApiCallResponse> call({
    String? email = '',
    String? password = '',
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'login',
      apiUrl: '${baseUrl}/auth/token',
      callType: ApiCallType.POST,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {
        'grant_type': 'password',
        'username': email,
        'password': password,
      },
      bodyType: BodyType.X_WWW_FORM_URL_ENCODED,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  String? accessToken(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.access_token''',
      ));
  int? expiresIn(dynamic response) => castToType<int>(getJsonField(
        response,
        r'''$.expires_in''',
      ));
}

class MarkNotificationsReadCall {
  Future<ApiCallResponse> call({
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'markNotificationsRead',
      apiUrl: '${baseUrl}/notifications/read',
      callType: ApiCallType.POST,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {},
      bodyType: BodyType.NONE,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }
}

class GetLoyaltyBalanceCall {
  Future<ApiCallResponse> call({
    String? apiBaseUrl,
    String? authToken = '',
  }) async {
    apiBaseUrl ??= FFDevEnvironmentValues().apiBaseUrl;
    final baseUrl = AcmeBackendGroup.getBaseUrl(
      apiBaseUrl: apiBaseUrl,
      authToken: authToken,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'getLoyaltyBalance',
      apiUrl: '${baseUrl}/loyalty/balance',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'Accept': 'application/json',
      },
      params: {},
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  int? points(dynamic response) => castToType<int>(getJsonField(
        response,
        r'''$.points''',
      ));
  String? tier(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.tier''',
      ));
}

/// End AcmeBackend Group Code

/// Start Supabase Group Code

class SupabaseGroup {
  static String getBaseUrl({
    String? anonKey = '',
    String? userJwt = '',
  }) =>
      'https://fakeprojectref0000000.supabase.co/rest/v1';
  static Map<String, String> headers = {
    'apikey': '[anonKey]',
    'Authorization': 'Bearer [userJwt]',
  };
  static ListReviewsCall listReviewsCall = ListReviewsCall();
  static InsertReviewCall insertReviewCall = InsertReviewCall();
  static UpdateReviewCall updateReviewCall = UpdateReviewCall();
  static DeleteReviewAsAdminCall deleteReviewAsAdminCall =
      DeleteReviewAsAdminCall();
}

class ListReviewsCall {
  Future<ApiCallResponse> call({
    String? productId = '',
    String? anonKey = '',
    String? userJwt = '',
  }) async {
    final baseUrl = SupabaseGroup.getBaseUrl(
      anonKey: anonKey,
      userJwt: userJwt,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'listReviews',
      apiUrl: '${baseUrl}/reviews',
      callType: ApiCallType.GET,
      headers: {
        'apikey': '${anonKey}',
        'Authorization': 'Bearer ${userJwt}',
      },
      params: {
        'product_id': 'eq.${productId}',
        'select': '*',
        'order': 'created_at.desc',
      },
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  List? reviews(dynamic response) => getJsonField(
        response,
        r'''$''',
        true,
      ) as List?;
  List<String>? ratings(dynamic response) => (getJsonField(
        response,
        r'''$[:].rating''',
        true,
      ) as List?)
          ?.withoutNulls
          .map((x) => castToType<String>(x))
          .withoutNulls
          .toList();
}

class InsertReviewCall {
  Future<ApiCallResponse> call({
    String? productId = '',
    int? rating,
    String? text = '',
    String? anonKey = '',
    String? userJwt = '',
  }) async {
    final baseUrl = SupabaseGroup.getBaseUrl(
      anonKey: anonKey,
      userJwt: userJwt,
    );

    final ffApiRequestBody = '''
{
  "product_id": "${productId}",
  "rating": ${rating},
  "body": "${escapeStringForJson(text)}"
}''';
    return ApiManager.instance.makeApiCall(
      callName: 'insertReview',
      apiUrl: '${baseUrl}/reviews',
      callType: ApiCallType.POST,
      headers: {
        'apikey': '${anonKey}',
        'Authorization': 'Bearer ${userJwt}',
        'Prefer': 'return=representation',
      },
      params: {},
      body: ffApiRequestBody,
      bodyType: BodyType.JSON,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }
}

class UpdateReviewCall {
  Future<ApiCallResponse> call({
    String? reviewId = '',
    String? text = '',
    String? anonKey = '',
    String? userJwt = '',
  }) async {
    final baseUrl = SupabaseGroup.getBaseUrl(
      anonKey: anonKey,
      userJwt: userJwt,
    );

    final ffApiRequestBody = '''
{
  "body": "${escapeStringForJson(text)}"
}''';
    return ApiManager.instance.makeApiCall(
      callName: 'updateReview',
      apiUrl: '${baseUrl}/reviews?id=eq.${reviewId}',
      callType: ApiCallType.PATCH,
      headers: {
        'apikey': '${anonKey}',
        'Authorization': 'Bearer ${userJwt}',
      },
      params: {},
      body: ffApiRequestBody,
      bodyType: BodyType.JSON,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }
}

class DeleteReviewAsAdminCall {
  Future<ApiCallResponse> call({
    String? reviewId = '',
    String? anonKey = '',
    String? userJwt = '',
  }) async {
    final baseUrl = SupabaseGroup.getBaseUrl(
      anonKey: anonKey,
      userJwt: userJwt,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'deleteReviewAsAdmin',
      apiUrl: '${baseUrl}/reviews?id=eq.${reviewId}',
      callType: ApiCallType.DELETE,
      headers: {
        'apikey':
            'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImZha2Vwcm9qZWN0cmVmMDAwMDAwMCIsInJvbGUiOiJzZXJ2aWNlX3JvbGUiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAwMDAwMDAwMH0.fake-signature-fflint-example',
        'Authorization': 'Bearer ${userJwt}',
      },
      params: {},
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }
}

/// End Supabase Group Code

/// Start Payments Group Code

class PaymentsGroup {
  static String getBaseUrl({
    String? secretKey = '',
  }) =>
      'https://api.payments.example/v1';
  static Map<String, String> headers = {
    'Authorization': 'Bearer [secretKey]',
  };
  static CreatePaymentIntentCall createPaymentIntentCall =
      CreatePaymentIntentCall();
  static RetrievePaymentIntentCall retrievePaymentIntentCall =
      RetrievePaymentIntentCall();
  static CreateRefundCall createRefundCall = CreateRefundCall();
  static CreateCheckoutSessionCall createCheckoutSessionCall =
      CreateCheckoutSessionCall();
}

class CreatePaymentIntentCall {
  Future<ApiCallResponse> call({
    int? amount,
    String? currency = 'usd',
    String? customerId = '',
    String? secretKey = 'sk_live_FAKEfflintEXAMPLEFAKEfflintEXAMPLEFAKEfflintEXAMPLEFAKEfflintEXAMPLEFAKEfflintEXAMPLEFAKEfflintEXAM',
  }) async {
    final baseUrl = PaymentsGroup.getBaseUrl(
      secretKey: secretKey,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'createPaymentIntent',
      apiUrl: '${baseUrl}/payment_intents',
      callType: ApiCallType.POST,
      headers: {
        'Authorization': 'Bearer ${secretKey}',
      },
      params: {
        'amount': amount,
        'currency': currency,
        'customer': customerId,
      },
      bodyType: BodyType.X_WWW_FORM_URL_ENCODED,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  String? clientSecret(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.client_secret''',
      ));
  String? intentId(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.id''',
      ));
}

class RetrievePaymentIntentCall {
  Future<ApiCallResponse> call({
    String? intentId = '',
    String? secretKey = '',
  }) async {
    final baseUrl = PaymentsGroup.getBaseUrl(
      secretKey: secretKey,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'retrievePaymentIntent',
      apiUrl: '${baseUrl}/payment_intents/${intentId}',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': 'Bearer ${secretKey}',
      },
      params: {},
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  String? status(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.status''',
      ));
}

class CreateRefundCall {
  Future<ApiCallResponse> call({
    String? intentId = '',
    int? amount,
    String? secretKey = '',
  }) async {
    final baseUrl = PaymentsGroup.getBaseUrl(
      secretKey: secretKey,
    );

    return ApiManager.instance.makeApiCall(
      callName: 'createRefund',
      apiUrl: '${baseUrl}/refunds',
      callType: ApiCallType.POST,
      headers: {
        'Authorization': 'Bearer ${secretKey}',
      },
      params: {
        'payment_intent': intentId,
        'amount': amount,
      },
      bodyType: BodyType.X_WWW_FORM_URL_ENCODED,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }
}

class CreateCheckoutSessionCall {
  Future<ApiCallResponse> call({
    String? priceId = '',
    int? quantity = 1,
    String? successUrl = 'https://acme-shop.example/checkout/done',
  }) async {
    final response = await makeCloudCall(
      _kPrivateApiFunctionName,
      {
        'callName': 'CreateCheckoutSessionCall',
        'variables': {
          'priceId': priceId,
          'quantity': quantity,
          'successUrl': successUrl,
        },
      },
    );
    return ApiCallResponse.fromCloudCallResponse(response);
  }

  String? sessionUrl(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.url''',
      ));
}

/// End Payments Group Code

class TrackShipmentCall {
  static Future<ApiCallResponse> call({
    String? trackingNumber = '',
    String? shippingToken = '',
  }) async {
    return ApiManager.instance.makeApiCall(
      callName: 'trackShipment',
      apiUrl: 'https://api.shipping.example/v2/track/${trackingNumber}',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': 'Bearer${shippingToken}',
      },
      params: {},
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  static String? status(dynamic response) => castToType<String>(getJsonField(
        response,
        r'''$.status''',
      ));
  static List? events(dynamic response) => getJsonField(
        response,
        r'''$.events''',
        true,
      ) as List?;
}

class GeocodeAddressCall {
  static Future<ApiCallResponse> call({
    String? address = '',
    String? key = 'AIzaSyFAKE-fflint-example-key-000000000',
  }) async {
    return ApiManager.instance.makeApiCall(
      callName: 'geocodeAddress',
      apiUrl: 'https://maps.googleapis.com/maps/api/geocode/json',
      callType: ApiCallType.GET,
      headers: {},
      params: {
        'address': address,
        'key': key,
      },
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  static dynamic lat(dynamic response) => getJsonField(
        response,
        r'''$.results[0].geometry.location.lat''',
      );
  static dynamic lng(dynamic response) => getJsonField(
        response,
        r'''$.results[0].geometry.location.lng''',
      );
}

class SendContactMessageCall {
  static Future<ApiCallResponse> call({
    String? email = '',
    String? message = '',
  }) async {
    final ffApiRequestBody = '''
From: ${email}

${message}''';
    return ApiManager.instance.makeApiCall(
      callName: 'sendContactMessage',
      apiUrl: 'https://hooks.acme-shop.example/contact',
      callType: ApiCallType.POST,
      headers: {},
      params: {},
      body: ffApiRequestBody,
      bodyType: BodyType.TEXT,
      returnBody: false,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }
}

class GetExchangeRatesCall {
  static Future<ApiCallResponse> call({
    String? base = 'USD',
    String? ratesUrl,
  }) async {
    ratesUrl ??= FFDevEnvironmentValues().ratesUrl;

    return ApiManager.instance.makeApiCall(
      callName: 'getExchangeRates',
      apiUrl: '${ratesUrl}/latest',
      callType: ApiCallType.GET,
      headers: {},
      params: {
        'base': base,
      },
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: true,
      isStreamingApi: false,
      alwaysAllowBody: false,
    );
  }

  static dynamic rates(dynamic response) => getJsonField(
        response,
        r'''$.rates''',
      );
}

class ApiPagingParams {
  int nextPageNumber = 0;
  int numItems = 0;
  dynamic lastResponse;

  ApiPagingParams({
    required this.nextPageNumber,
    required this.numItems,
    required this.lastResponse,
  });

  @override
  String toString() =>
      'PagingParams(nextPageNumber: $nextPageNumber, numItems: $numItems, lastResponse: $lastResponse,)';
}

String _toEncodable(dynamic item) {
  return item;
}

String _serializeList(List? list) {
  list ??= <String>[];
  try {
    return json.encode(list, toEncodable: _toEncodable);
  } catch (_) {
    if (kDebugMode) {
      print("List serialization failed. Returning empty list.");
    }
    return '[]';
  }
}

String _serializeJson(dynamic jsonVar, [bool isList = false]) {
  jsonVar ??= (isList ? [] : {});
  try {
    return json.encode(jsonVar, toEncodable: _toEncodable);
  } catch (_) {
    if (kDebugMode) {
      print("Json serialization failed. Returning empty json.");
    }
    return isList ? '[]' : '{}';
  }
}

String? escapeStringForJson(String? input) {
  if (input == null) {
    return null;
  }
  return input
      .replaceAll('\\', '\\\\')
      .replaceAll('"', '\\"')
      .replaceAll('\n', '\\n')
      .replaceAll('\t', '\\t');
}

"""Normal request shapes of the 2023 and 2025 generators, with an environment and a page that calls them."""

CALLS_2023 = """class ParcelGroup {
  static String baseUrl = 'https://api.parcels.example/v1';
  static Map<String, String> headers = {
    'Authorization': 'Bearer [authToken]',
    'Accept': 'application/json',
  };
  static ListParcelsCall listParcelsCall = ListParcelsCall();
  static CreateParcelCall createParcelCall = CreateParcelCall();
}

class ListParcelsCall {
  Future<ApiCallResponse> call({
    String? authToken = '',
    int? page = 1,
  }) {
    return ApiManager.instance.makeApiCall(
      callName: 'listParcels',
      apiUrl: '${ParcelGroup.baseUrl}/parcels',
      callType: ApiCallType.GET,
      headers: {
        ...ParcelGroup.headers,
        'Authorization': 'Bearer ${authToken}',
      },
      params: {
        'pagination[page]': page,
        'filters[status][$eq]': 'open',
      },
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
    );
  }

  dynamic first(dynamic response) => getJsonField(response, r'''$.data[0]''');
  dynamic names(dynamic response) => getJsonField(response, r'''$.data[:].name''', true);
}

class CreateParcelCall {
  Future<ApiCallResponse> call({
    String? authToken = '',
    String? recipient = '',
  }) {
    final body = '''
{
  "recipient": "${recipient}",
  "tags": [],
  "express": true
}''';
    return ApiManager.instance.makeApiCall(
      callName: 'createParcel',
      apiUrl: '${ParcelGroup.baseUrl}/parcels',
      callType: ApiCallType.POST,
      headers: {
        ...ParcelGroup.headers,
        'Authorization': 'Bearer ${authToken}',
      },
      params: {},
      body: body,
      bodyType: BodyType.JSON,
      returnBody: true,
      encodeBodyUtf8: false,
      decodeUtf8: false,
      cache: false,
    );
  }
}
"""

CALLS_2025 = """import '/environment_values.dart';

class StudioGroup {
  static String getBaseUrl({
    String? apiHost,
    String? authToken = '',
  }) {
    apiHost ??= FFDevEnvironmentValues().apiHost;
    return '${apiHost}/v2';
  }

  static Map<String, String> headers = {
    'Authorization': 'Bearer [authToken]',
    'X-Client': 'studio-app',
  };
  static BookClassCall bookClassCall = BookClassCall();
}

class BookClassCall {
  Future<ApiCallResponse> call({
    String? classId = '',
    String? note = '',
    String? apiHost,
    String? authToken = '',
  }) async {
    apiHost ??= FFDevEnvironmentValues().apiHost;
    final baseUrl = StudioGroup.getBaseUrl(
      apiHost: apiHost,
      authToken: authToken,
    );

    final ffApiRequestBody = '''
{
  "class_id": "${escapeStringForJson(classId)}",
  "note": "${escapeStringForJson(note)}",
  "html": "<p>Booked</p><br>"
}''';
    return ApiManager.instance.makeApiCall(
      callName: 'bookClass',
      apiUrl: '${baseUrl}/classes/${classId}/bookings',
      callType: ApiCallType.POST,
      headers: {
        'Authorization': 'Bearer ${authToken}',
        'X-Client': 'studio-app',
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

class SearchCall {
  static Future<ApiCallResponse> call({
    String? query = '',
    String? authHeader = '',
    String? anonKey = '',
  }) async {
    return ApiManager.instance.makeApiCall(
      callName: 'search',
      apiUrl: '${FFDevEnvironmentValues().searchUrl}/search?q=${query}&page=1',
      callType: ApiCallType.GET,
      headers: {
        'Authorization': '${authHeader}',
        'apikey': '${anonKey}',
        'Accept-Language': 'en-US, en;q=0.8',
      },
      params: {},
      returnBody: true,
    );
  }
}

class AskModelCall {
  static Future<ApiCallResponse> call({
    String? prompt = '',
    String? apiKey = '',
  }) async {
    final ffApiRequestBody = '''
{
  "model": "claude-sonnet",
  "messages": [{"role": "user", "content": "${escapeStringForJson(prompt)}"}]
}''';
    return ApiManager.instance.makeApiCall(
      callName: 'askModel',
      apiUrl: 'https://api.anthropic.com/v1/messages',
      callType: ApiCallType.POST,
      headers: {
        'x-api-key': '${apiKey}',
        'anthropic-version': '2023-06-01',
      },
      params: {},
      body: ffApiRequestBody,
      bodyType: BodyType.JSON,
      returnBody: true,
    );
  }
}

class ListProfilesCall {
  static Future<ApiCallResponse> call({
    String? userJwt = '',
  }) async {
    return ApiManager.instance.makeApiCall(
      callName: 'listProfiles',
      apiUrl: 'https://fflintexampleref0000.supabase.co/rest/v1/profiles?select=*',
      callType: ApiCallType.GET,
      headers: {
        'apikey': '${FFDevEnvironmentValues().supabaseAnonKey}',
        'Authorization': 'Bearer ${userJwt}',
      },
      params: {},
      returnBody: true,
    );
  }
}
"""

ENV_DART = """class FFDevEnvironmentValues {
  static const String currentEnvironment = 'Production';
  static const String environmentValuesPath = 'assets/environment_values/environment.json';

  Future<void> initialize() async {
    final data = await json.decode(await rootBundle.loadString(environmentValuesPath));
    _apiHost = data['apiHost'];
    _searchUrl = data['searchUrl'];
    _supabaseAnonKey = data['supabaseAnonKey'];
  }

  String _apiHost = '';
  String get apiHost => _apiHost;
  String _searchUrl = '';
  String get searchUrl => _searchUrl;
  String _supabaseAnonKey = '';
  String get supabaseAnonKey => _supabaseAnonKey;
}
"""

ENV_JSON = """{
  "apiHost": "https://studio.example.com",
  "searchUrl": "https://search.example.com/api",
  "supabaseAnonKey": "sb_publishable_FflintTestValueNotAKey000000"
}
"""

PAGE = """class HomeWidget {
  Future<void> load() async {
    await StudioGroup.bookClassCall.call(classId: id, authToken: currentJwtToken);
    await SearchCall.call(query: text, authHeader: header, anonKey: key);
    await ListProfilesCall.call(userJwt: currentJwtToken);
  }
}
"""

import 'dart:convert';
import 'package:flutter/services.dart';
import 'package:flutter/foundation.dart';

class FFDevEnvironmentValues {
  static const String currentEnvironment = 'Production';
  static const String environmentValuesPath =
      'assets/environment_values/environment.json';

  static final FFDevEnvironmentValues _instance =
      FFDevEnvironmentValues._internal();

  factory FFDevEnvironmentValues() {
    return _instance;
  }

  FFDevEnvironmentValues._internal();

  Future<void> initialize() async {
    try {
      final String response =
          await rootBundle.loadString(environmentValuesPath);
      final data = await json.decode(response);
      _apiBaseUrl = data['apiBaseUrl'];
      _ratesUrl = data['ratesUrl'];
      _supportEmail = data['supportEmail'];
      _enableApplePay = data['enableApplePay'];
      _freeShippingThreshold = data['freeShippingThreshold'];
    } catch (e) {
      print('Error loading environment values: $e');
    }
  }

  String _apiBaseUrl = '';
  String get apiBaseUrl => _apiBaseUrl;

  String _ratesUrl = '';
  String get ratesUrl => _ratesUrl;

  String _supportEmail = '';
  String get supportEmail => _supportEmail;

  bool _enableApplePay = false;
  bool get enableApplePay => _enableApplePay;

  int _freeShippingThreshold = 0;
  int get freeShippingThreshold => _freeShippingThreshold;
}

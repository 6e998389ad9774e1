// Automatic FlutterFlow imports
import '/backend/supabase/supabase.dart';
import '/environment_values.dart';
import '/flutter_flow/flutter_flow_theme.dart';
import '/flutter_flow/flutter_flow_util.dart';
import 'index.dart'; // Imports other custom actions
import 'package:flutter/material.dart';
// Begin custom action code
// DO NOT REMOVE OR MODIFY THE CODE ABOVE!

import 'dart:convert';
import 'package:http/http.dart' as http;

/// Tells the warehouse service that an order is ready to pick.
Future<bool> notifyWarehouse(
  String orderId,
  String authToken,
) async {
  final response = await http.post(
    Uri.parse('${FFDevEnvironmentValues().apiBaseUrl}/v1/warehouse/picks'),
    headers: {
      'Authorization': 'Bearer $authToken',
      'Content-Type': 'application/json',
    },
    body: jsonEncode({
      'order_id': orderId,
      'priority': 'normal',
    }),
  );
  return response.statusCode == 202;
}

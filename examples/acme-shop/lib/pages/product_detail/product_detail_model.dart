import '/backend/api_requests/api_calls.dart';
import '/flutter_flow/flutter_flow_util.dart';
import 'product_detail_widget.dart' show ProductDetailWidget;
import 'package:flutter/material.dart';

class ProductDetailModel extends FlutterFlowModel<ProductDetailWidget> {
  ///  State fields for stateful widgets in this page.

  // Stores action output result for [Backend Call - API (createOrder)] action in Button widget.
  ApiCallResponse? orderResult;
  // Stores action output result for [Backend Call - API (createCheckoutSession)] action in Button widget.
  ApiCallResponse? checkoutResult;

  @override
  void initState(BuildContext context) {}

  @override
  void dispose() {}
}

import '/backend/api_requests/api_calls.dart';
import '/flutter_flow/flutter_flow_util.dart';
import 'store_locator_widget.dart' show StoreLocatorWidget;
import 'package:flutter/material.dart';

class StoreLocatorModel extends FlutterFlowModel<StoreLocatorWidget> {
  ///  State fields for stateful widgets in this page.

  // State field(s) for AddressField widget.
  FocusNode? addressFieldFocusNode;
  TextEditingController? addressFieldTextController;
  String? Function(BuildContext, String?)? addressFieldTextControllerValidator;
  // Stores action output result for [Backend Call - API (geocodeAddress)] action in Button widget.
  ApiCallResponse? geocodeResult;
  // State field(s) for GoogleMap widget.
  LatLng? googleMapsCenter;
  final googleMapsController = Completer<GoogleMapController>();

  @override
  void initState(BuildContext context) {}

  @override
  void dispose() {
    addressFieldFocusNode?.dispose();
    addressFieldTextController?.dispose();
  }
}

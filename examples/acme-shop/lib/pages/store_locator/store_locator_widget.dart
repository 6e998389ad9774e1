import '/backend/api_requests/api_calls.dart';
import '/flutter_flow/flutter_flow_google_map.dart';
import '/flutter_flow/flutter_flow_theme.dart';
import '/flutter_flow/flutter_flow_util.dart';
import '/flutter_flow/flutter_flow_widgets.dart';
import 'package:flutter/material.dart';
import 'store_locator_model.dart';
export 'store_locator_model.dart';

class StoreLocatorWidget extends StatefulWidget {
  const StoreLocatorWidget({super.key});

  static String routeName = 'StoreLocator';
  static String routePath = '/storeLocator';

  @override
  State<StoreLocatorWidget> createState() => _StoreLocatorWidgetState();
}

class _StoreLocatorWidgetState extends State<StoreLocatorWidget> {
  late StoreLocatorModel _model;

  final scaffoldKey = GlobalKey<ScaffoldState>();

  @override
  void initState() {
    super.initState();
    _model = createModel(context, () => StoreLocatorModel());

    _model.addressFieldTextController ??= TextEditingController();
    _model.addressFieldFocusNode ??= FocusNode();
  }

  @override
  void dispose() {
    _model.dispose();

    super.dispose();
  }

  @override
  Widget build(BuildContext context) {
    return Scaffold(
      key: scaffoldKey,
      backgroundColor: FlutterFlowTheme.of(context).primaryBackground,
      appBar: AppBar(
        backgroundColor: FlutterFlowTheme.of(context).primary,
        title: Text(
          'Find a store',
          style: FlutterFlowTheme.of(context).headlineMedium,
        ),
      ),
      body: SafeArea(
        top: true,
        child: Column(
          mainAxisSize: MainAxisSize.max,
          children: [
            Padding(
              padding: EdgeInsetsDirectional.fromSTEB(16.0, 16.0, 16.0, 8.0),
              child: TextFormField(
                controller: _model.addressFieldTextController,
                focusNode: _model.addressFieldFocusNode,
                decoration: InputDecoration(
                  labelText: 'City or postal code',
                ),
                style: FlutterFlowTheme.of(context).bodyMedium,
                validator: _model.addressFieldTextControllerValidator
                    .asValidator(context),
              ),
            ),
            FFButtonWidget(
              onPressed: () async {
                _model.geocodeResult = await GeocodeAddressCall.call(
                  address: _model.addressFieldTextController.text,
                );

                if ((_model.geocodeResult?.succeeded ?? true)) {
                  _model.googleMapsCenter = LatLng(
                    GeocodeAddressCall.lat(_model.geocodeResult?.jsonBody),
                    GeocodeAddressCall.lng(_model.geocodeResult?.jsonBody),
                  );
                }

                safeSetState(() {});
              },
              text: 'Search',
              options: FFButtonOptions(
                height: 40.0,
                color: FlutterFlowTheme.of(context).primary,
              ),
            ),
            Expanded(
              child: FlutterFlowGoogleMap(
                controller: _model.googleMapsController,
                onCameraIdle: (latLng) => _model.googleMapsCenter = latLng,
                initialLocation: _model.googleMapsCenter ??=
                    LatLng(40.7128, -74.006),
                markerColor: GoogleMarkerColor.violet,
                mapType: MapType.normal,
                style: GoogleMapStyle.standard,
                initialZoom: 12.0,
                allowInteraction: true,
                allowZoom: true,
                showZoomControls: true,
                showLocation: true,
                showCompass: false,
                showMapToolbar: false,
                showTraffic: false,
                centerMapOnMarkerTap: true,
              ),
            ),
          ],
        ),
      ),
    );
  }
}

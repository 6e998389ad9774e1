import '/backend/api_requests/api_calls.dart';
import '/backend/supabase/supabase.dart';
import '/flutter_flow/flutter_flow_theme.dart';
import '/flutter_flow/flutter_flow_util.dart';
import '/flutter_flow/flutter_flow_widgets.dart';
import 'package:flutter/material.dart';
import 'package:provider/provider.dart';
import 'product_detail_model.dart';
export 'product_detail_model.dart';

class ProductDetailWidget extends StatefulWidget {
  const ProductDetailWidget({
    super.key,
    required this.productId,
  });

  final String? productId;

  static String routeName = 'ProductDetail';
  static String routePath = '/productDetail';

  @override
  State<ProductDetailWidget> createState() => _ProductDetailWidgetState();
}

class _ProductDetailWidgetState extends State<ProductDetailWidget> {
  late ProductDetailModel _model;

  final scaffoldKey = GlobalKey<ScaffoldState>();

  @override
  void initState() {
    super.initState();
    _model = createModel(context, () => ProductDetailModel());
  }

  @override
  void dispose() {
    _model.dispose();

    super.dispose();
  }

  @override
  Widget build(BuildContext context) {
    return FutureBuilder<ApiCallResponse>(
      future: AcmeBackendGroup.getProductCall.call(
        productId: widget.productId,
        authToken: FFAppState().authToken,
      ),
      builder: (context, snapshot) {
        if (!snapshot.hasData) {
          return Scaffold(
            backgroundColor: FlutterFlowTheme.of(context).primaryBackground,
            body: Center(
              child: CircularProgressIndicator(),
            ),
          );
        }
        final productDetailGetProductResponse = snapshot.data!;

        return Scaffold(
          key: scaffoldKey,
          backgroundColor: FlutterFlowTheme.of(context).primaryBackground,
          appBar: AppBar(
            backgroundColor: FlutterFlowTheme.of(context).primary,
            title: Text(
              valueOrDefault<String>(
                AcmeBackendGroup.getProductCall.title(
                  productDetailGetProductResponse.jsonBody,
                ),
                'Product',
              ),
              style: FlutterFlowTheme.of(context).headlineMedium,
            ),
          ),
          body: SafeArea(
            top: true,
            child: Column(
              mainAxisSize: MainAxisSize.max,
              children: [
                FutureBuilder<ApiCallResponse>(
                  future: SupabaseGroup.listReviewsCall.call(
                    productId: widget.productId,
                    anonKey: SupaFlow.client.rest.headers['apikey'],
                    userJwt: currentJwtToken,
                  ),
                  builder: (context, snapshot) {
                    if (!snapshot.hasData) {
                      return LinearProgressIndicator();
                    }
                    final reviews = SupabaseGroup.listReviewsCall
                            .reviews(snapshot.data!.jsonBody)
                            ?.toList() ??
                        [];
                    return Text(
                      '${reviews.length} reviews',
                      style: FlutterFlowTheme.of(context).labelMedium,
                    );
                  },
                ),
                Padding(
                  padding: EdgeInsetsDirectional.fromSTEB(16.0, 24.0, 16.0, 0.0),
                  child: FFButtonWidget(
                    onPressed: () async {
                      _model.orderResult =
                          await AcmeBackendGroup.createOrderCall.call(
                        cartId: FFAppState().cartId,
                        note: 'Leave at the door',
                        authToken: FFAppState().authToken,
                      );

                      if ((_model.orderResult?.succeeded ?? true)) {
                        _model.checkoutResult =
                            await PaymentsGroup.createCheckoutSessionCall.call(
                          priceId: widget.productId,
                          quantity: 1,
                        );
                        await launchURL(
                            PaymentsGroup.createCheckoutSessionCall.sessionUrl(
                          (_model.checkoutResult?.jsonBody ?? ''),
                        )!);
                      }

                      safeSetState(() {});
                    },
                    text: 'Buy now',
                    options: FFButtonOptions(
                      width: double.infinity,
                      height: 48.0,
                      color: FlutterFlowTheme.of(context).primary,
                      textStyle: FlutterFlowTheme.of(context).titleSmall.override(
                            fontFamily: 'Inter Tight',
                            color: Colors.white,
                            letterSpacing: 0.0,
                          ),
                      borderRadius: BorderRadius.circular(8.0),
                    ),
                  ),
                ),
              ],
            ),
          ),
        );
      },
    );
  }
}

import '/backend/api_requests/api_calls.dart';
import '/flutter_flow/flutter_flow_theme.dart';
import '/flutter_flow/flutter_flow_util.dart';
import '/flutter_flow/flutter_flow_widgets.dart';
import 'package:flutter/material.dart';
import 'package:provider/provider.dart';
import 'home_page_model.dart';
export 'home_page_model.dart';

class HomePageWidget extends StatefulWidget {
  const HomePageWidget({super.key});

  static String routeName = 'HomePage';
  static String routePath = '/homePage';

  @override
  State<HomePageWidget> createState() => _HomePageWidgetState();
}

class _HomePageWidgetState extends State<HomePageWidget> {
  late HomePageModel _model;

  final scaffoldKey = GlobalKey<ScaffoldState>();

  @override
  void initState() {
    super.initState();
    _model = createModel(context, () => HomePageModel());

    _model.searchFieldTextController ??= TextEditingController();
    _model.searchFieldFocusNode ??= FocusNode();
  }

  @override
  void dispose() {
    _model.dispose();

    super.dispose();
  }

  @override
  Widget build(BuildContext context) {
    context.watch<FFAppState>();

    return GestureDetector(
      onTap: () => FocusScope.of(context).unfocus(),
      child: Scaffold(
        key: scaffoldKey,
        backgroundColor: FlutterFlowTheme.of(context).primaryBackground,
        appBar: AppBar(
          backgroundColor: FlutterFlowTheme.of(context).primary,
          title: Text(
            'Acme Shop',
            style: FlutterFlowTheme.of(context).headlineMedium.override(
                  fontFamily: 'Inter Tight',
                  color: Colors.white,
                  letterSpacing: 0.0,
                ),
          ),
          centerTitle: false,
          elevation: 2.0,
        ),
        body: SafeArea(
          top: true,
          child: Column(
            mainAxisSize: MainAxisSize.max,
            children: [
              Padding(
                padding: EdgeInsetsDirectional.fromSTEB(16.0, 16.0, 16.0, 0.0),
                child: TextFormField(
                  controller: _model.searchFieldTextController,
                  focusNode: _model.searchFieldFocusNode,
                  onFieldSubmitted: (_) async {
                    _model.searchResult =
                        await AcmeBackendGroup.searchProductsCall.call(
                      query: _model.searchFieldTextController.text,
                      authToken: FFAppState().authToken,
                    );

                    safeSetState(() {});
                  },
                  decoration: InputDecoration(
                    labelText: 'Search products',
                    prefixIcon: Icon(
                      Icons.search,
                    ),
                  ),
                  style: FlutterFlowTheme.of(context).bodyMedium,
                  validator: _model.searchFieldTextControllerValidator
                      .asValidator(context),
                ),
              ),
              Expanded(
                child: FutureBuilder<ApiCallResponse>(
                  future: AcmeBackendGroup.listProductsCall.call(
                    authToken: FFAppState().authToken,
                    page: 1,
                  ),
                  builder: (context, snapshot) {
                    // Customize what your widget looks like when it's loading.
                    if (!snapshot.hasData) {
                      return Center(
                        child: SizedBox(
                          width: 50.0,
                          height: 50.0,
                          child: CircularProgressIndicator(
                            valueColor: AlwaysStoppedAnimation<Color>(
                              FlutterFlowTheme.of(context).primary,
                            ),
                          ),
                        ),
                      );
                    }
                    final listViewListProductsResponse = snapshot.data!;

                    return Builder(
                      builder: (context) {
                        final products = AcmeBackendGroup.listProductsCall
                                .products(
                                  listViewListProductsResponse.jsonBody,
                                )
                                ?.toList() ??
                            [];

                        return ListView.builder(
                          padding: EdgeInsets.zero,
                          scrollDirection: Axis.vertical,
                          itemCount: products.length,
                          itemBuilder: (context, productsIndex) {
                            final productsItem = products[productsIndex];
                            return ListTile(
                              title: Text(
                                getJsonField(
                                  productsItem,
                                  r'''$.title''',
                                ).toString(),
                                style: FlutterFlowTheme.of(context).titleLarge,
                              ),
                              trailing: Icon(
                                Icons.arrow_forward_ios,
                                color: FlutterFlowTheme.of(context)
                                    .secondaryText,
                                size: 20.0,
                              ),
                              onTap: () async {
                                context.pushNamed(
                                  ProductDetailWidget.routeName,
                                  queryParameters: {
                                    'productId': serializeParam(
                                      getJsonField(
                                        productsItem,
                                        r'''$.id''',
                                      ).toString(),
                                      ParamType.String,
                                    ),
                                  }.withoutNulls,
                                );
                              },
                            );
                          },
                        );
                      },
                    );
                  },
                ),
              ),
            ],
          ),
        ),
      ),
    );
  }
}

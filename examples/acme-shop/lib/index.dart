// Export pages
export '/pages/home_page/home_page_widget.dart' show HomePageWidget;
export '/pages/product_detail/product_detail_widget.dart'
    show ProductDetailWidget;
export '/pages/store_locator/store_locator_widget.dart'
    show StoreLocatorWidget;

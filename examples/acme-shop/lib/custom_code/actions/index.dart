export 'notify_warehouse.dart' show notifyWarehouse;

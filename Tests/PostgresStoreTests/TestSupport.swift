/// `TestFolder` and `TestData`, shared with the SQLite store's tests; the test server's
/// databases and `TestStore`, shared with the end-to-end tests.
@_exported import StoreTestSupport
@_exported import PostgresTestSupport

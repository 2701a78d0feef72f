/// `TestFolder` and `TestData`, shared with the SQLite store's tests.
@_exported import StoreTestSupport

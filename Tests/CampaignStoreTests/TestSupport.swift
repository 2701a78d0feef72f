/// `TestFolder` and `TestData`, shared with the PostgreSQL store's tests.
@_exported import StoreTestSupport

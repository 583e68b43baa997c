import Testing

@Test func placeholderProctorStoreTests() {}

import Testing

@Test func placeholderProctorCLITests() {}

import Testing

@Test func placeholderProctorTerminalTests() {}

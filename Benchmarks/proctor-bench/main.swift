// Benchmarks print numbers against a baseline measured in the same run; see README "Performance".
print("proctor-bench: no benchmarks registered yet")

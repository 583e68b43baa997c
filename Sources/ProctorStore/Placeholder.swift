// ProctorStore

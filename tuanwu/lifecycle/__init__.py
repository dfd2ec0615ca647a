"""Member lifecycle (团员管理): yearly evaluation and registration, dues, transfers, discipline and exits."""

"""narrator: draft and check the 情况说明 of 部门决算公开."""

__version__ = "0.1.0"

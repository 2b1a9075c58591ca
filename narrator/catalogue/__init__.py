"""The standard vocabulary of 决算 disclosures as data: items, their names and how they add up."""

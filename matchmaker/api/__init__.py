"""The JSON API, version 1: personal access tokens, problem details, pagination, rate limits."""

"""Performance benchmark of the app (`make bench`): page timings per data scale, live burst, cold start."""

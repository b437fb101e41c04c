"""Programme pages: roadmap, initiatives (and their records), resources, challenges,
evaluations and the community intake."""

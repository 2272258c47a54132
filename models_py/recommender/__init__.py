"""The neighbour step: content, collaborative and "rated near" scores, blended and cut to each film's top K."""

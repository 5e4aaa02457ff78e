package com.astro.session.rating;


import tools.jackson.databind.JsonNode;

import com.astro.common.web.JsonFields;
import com.astro.common.web.Problems;

/** A rating's body, checked: 1 to 5 whole stars, and an optional review of at most 1,000 characters. */
record RatingInput(int stars, String review) {

    static final int MAX_REVIEW = 1_000;

    static final String EXAMPLE = "{\"stars\": 5, \"review\": \"Clear and kind\"}";

    static RatingInput of(JsonNode body) {
        JsonNode object = JsonFields.object(body, EXAMPLE);
        int stars = (int) JsonFields.requiredLong(object, "stars", 1, 5);
        JsonNode node = object.get("review");
        if (node == null || node.isNull()) {
            return new RatingInput(stars, null);
        }
        if (!node.isString()) {
            throw Problems.badRequest("'review' must be a string, got " + node);
        }
        String review = node.stringValue().strip();
        if (review.codePointCount(0, review.length()) > MAX_REVIEW) {
            throw Problems.badRequest("'review' must have at most " + MAX_REVIEW + " characters");
        }
        return new RatingInput(stars, review.isEmpty() ? null : review);
    }
}

package com.astro.session.rating;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.apidocs.ApiDocs;
import com.astro.common.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Ratings and reviews: the user of an ended session rates it once and may change the rating for 24 hours. */
@RestController
@Tag(name = "ratings", description = "Users rate their ended sessions (1 to 5 stars, an optional review)")
class RatingController {

    private static final String RATING_EXAMPLE = """
            {"sessionId": "s_8f2a", "userId": "user_1", "astrologerId": "astro_1", "sessionType": "chat", "stars": 5,
            "review": "Clear and kind", "revision": 1, "ratedAt": "2026-03-01T10:20:00Z", "editedAt": null}""";

    private final RatingService ratings;

    RatingController(RatingService ratings) {
        this.ratings = ratings;
    }

    @PostMapping("/api/sessions/{id}/rating")
    @Operation(summary = "The session's user rates it", description = "Once per session, after it ended (sessions "
            + "that never became active cannot be rated). A second rating, or the loser of concurrent ones, is 409.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            schema = @Schema(type = "object", requiredProperties = "stars"), schemaProperties = {
                    @SchemaProperty(name = "stars", schema = @Schema(type = "integer", minimum = "1", maximum = "5")),
                    @SchemaProperty(name = "review", schema = @Schema(type = "string", nullable = true,
                            maxLength = RatingInput.MAX_REVIEW)) },
            examples = @ExampleObject(RatingInput.EXAMPLE)))
    @ApiResponse(responseCode = "201", description = "The rating", content = @Content(
            schema = @Schema(implementation = Rating.class), examples = @ExampleObject(RATING_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    public Mono<ResponseEntity<Rating>> rate(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "s_8f2a") @PathVariable String id, @RequestBody JsonNode body) {
        return Mono.defer(() -> ratings.rate(caller, id, RatingInput.of(body)))
                .map(rating -> ResponseEntity.created(URI.create("/api/sessions/" + id + "/rating")).body(rating));
    }

    @PutMapping("/api/sessions/{id}/rating")
    @Operation(summary = "The session's user changes the rating", description = "Within 24 hours of rating: the new "
            + "stars and review replace the old ones (also in the astrologer's average). Later: 409.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            schema = @Schema(type = "object", requiredProperties = "stars"), schemaProperties = {
                    @SchemaProperty(name = "stars", schema = @Schema(type = "integer", minimum = "1", maximum = "5")),
                    @SchemaProperty(name = "review", schema = @Schema(type = "string", nullable = true,
                            maxLength = RatingInput.MAX_REVIEW)) },
            examples = @ExampleObject(RatingInput.EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The changed rating, one revision later", content = @Content(
            schema = @Schema(implementation = Rating.class), examples = @ExampleObject(RATING_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    public Mono<Rating> edit(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "s_8f2a") @PathVariable String id, @RequestBody JsonNode body) {
        return Mono.defer(() -> ratings.edit(caller, id, RatingInput.of(body)));
    }

    @GetMapping("/api/sessions/{id}/rating")
    @Operation(summary = "The session's rating", description = "The session's participants and admins.")
    @ApiResponse(responseCode = "200", description = "The rating", content = @Content(
            schema = @Schema(implementation = Rating.class), examples = @ExampleObject(RATING_EXAMPLE)))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Mono<Rating> get(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "s_8f2a") @PathVariable String id) {
        return ratings.find(caller, id);
    }
}

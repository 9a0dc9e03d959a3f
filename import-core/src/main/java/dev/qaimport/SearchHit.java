package dev.qaimport;

import java.util.UUID;

/**
 * One result of {@link QaImport#search}: a pair and how similar its embedding is to the query's.
 *
 * @param pairId   the pair's id
 * @param question its question
 * @param answer   its answer as stored (plain text or the safe HTML subset)
 * @param score    cosine similarity in {@code [-1, 1]}; higher is closer
 */
public record SearchHit(UUID pairId, String question, String answer, double score) {
}

/**
 * An in-process {@link dev.qaimport.spi.EmbeddingService}: the all-MiniLM-L6-v2 sentence
 * transformer (quantized, 384 dimensions) run by ONNX Runtime, with no network and no API key.
 */
package dev.qaimport.embed.onnx;

/**
 * The embedding benchmark's pieces: a local OpenAI-compatible stub provider with fixed latency
 * and a per-request input cap, and the LangChain4j baseline.
 */
package dev.qaimport.benchmarks.embed;

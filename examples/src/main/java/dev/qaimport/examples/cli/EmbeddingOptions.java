package dev.qaimport.examples.cli;

import dev.qaimport.embed.http.HttpEmbeddingService;
import dev.qaimport.embed.onnx.OnnxEmbeddingService;
import dev.qaimport.spi.EmbeddingService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Which embedding provider to use: {@code --embeddings local|openai|azure|ollama|none}. Keys
 * come from the environment only ({@code OPENAI_API_KEY}, {@code AZURE_OPENAI_API_KEY}), never
 * from a flag, so they do not show in the process list or shell history.
 */
public final class EmbeddingOptions {
    @Option(names = "--embeddings", paramLabel = "PROVIDER", description = "local (in-process all-MiniLM-L6-v2, the default), "
            + "openai (needs OPENAI_API_KEY), azure (needs AZURE_OPENAI_API_KEY), ollama, or none.")
    String provider = "local";

    @Option(names = "--embedding-url", paramLabel = "URL", description = "Provider base URL (openai: default https://api.openai.com, "
            + "also any OpenAI-compatible server; azure: the resource endpoint; ollama: default http://localhost:11434).")
    String url;

    @Option(names = "--embedding-model", paramLabel = "NAME", description = "Model (openai: default text-embedding-3-small; "
            + "azure: the deployment name; ollama: default nomic-embed-text).")
    String model;

    @Option(names = "--embedding-dimensions", paramLabel = "N", description = "Dimensions to request from models that can shorten "
            + "their vectors (text-embedding-3-*).")
    Integer dimensions;

    @Option(names = "--embedding-tpm", paramLabel = "N", description = "Tokens per minute to keep within, for providers that send no "
            + "rate-limit headers (Ollama, many OpenAI-compatible servers) or a quota shared with other clients; when the provider "
            + "sends x-ratelimit headers too, the tighter wins.")
    Long tokensPerMinute;

    @Option(names = "--embedding-rpm", paramLabel = "N", description = "Requests per minute to keep within, as --embedding-tpm.")
    Integer requestsPerMinute;

    /**
     * The options to repeat in a suggested command so that it embeds with the same provider and
     * model (a search must use the vector space of the import). Keys are never options, so none
     * can show here.
     */
    List<String> hintArguments() {
        List<String> args = new ArrayList<>();
        String p = provider.toLowerCase(Locale.ROOT).strip();
        if (!p.equals("local") && !p.equals("onnx")) {
            args.addAll(List.of("--embeddings", p));
        }
        if (url != null) {
            args.addAll(List.of("--embedding-url", url));
        }
        if (model != null) {
            args.addAll(List.of("--embedding-model", model));
        }
        if (dimensions != null) {
            args.addAll(List.of("--embedding-dimensions", String.valueOf(dimensions)));
        }
        return args;
    }

    private void budgets(HttpEmbeddingService.Builder<?> b) {
        if (tokensPerMinute != null) {
            b.tokensPerMinute(tokensPerMinute);
        }
        if (requestsPerMinute != null) {
            b.requestsPerMinute(requestsPerMinute);
        }
    }

    /** The service, or {@code null} for {@code none}. */
    EmbeddingService create(Env env) {
        String p = provider.toLowerCase(Locale.ROOT).strip();
        if (dimensions != null && dimensions < 1) {
            throw new UsageException("--embedding-dimensions must be at least 1, not " + dimensions);
        }
        if (tokensPerMinute != null && tokensPerMinute < 1) {
            throw new UsageException("--embedding-tpm must be at least 1, not " + tokensPerMinute);
        }
        if (requestsPerMinute != null && requestsPerMinute < 1) {
            throw new UsageException("--embedding-rpm must be at least 1, not " + requestsPerMinute);
        }
        switch (p) {
            case "none":
                if (tokensPerMinute != null || requestsPerMinute != null) {
                    throw new UsageException("--embedding-tpm and --embedding-rpm need a provider (--embeddings openai, azure or ollama)");
                }
                return null;
            case "local":
            case "onnx":
                if (url != null || model != null || dimensions != null) {
                    throw new UsageException("--embedding-url, --embedding-model and --embedding-dimensions do not apply to --embeddings local");
                }
                if (tokensPerMinute != null || requestsPerMinute != null) {
                    throw new UsageException("--embedding-tpm and --embedding-rpm do not apply to --embeddings local (the model runs in "
                            + "this process)");
                }
                return OnnxEmbeddingService.create();
            case "openai": {
                String key = env.get("OPENAI_API_KEY");
                if (key == null || key.isBlank()) {
                    throw new UsageException("--embeddings openai needs the API key in the environment variable OPENAI_API_KEY");
                }
                HttpEmbeddingService.OpenAiBuilder b = HttpEmbeddingService.openAi().apiKey(key)
                        .model(model != null ? model : "text-embedding-3-small");
                if (url != null) {
                    b.baseUrl(url);
                }
                if (dimensions != null) {
                    b.dimensions(dimensions);
                }
                budgets(b);
                return b.build();
            }
            case "azure": {
                String key = env.get("AZURE_OPENAI_API_KEY");
                if (key == null || key.isBlank()) {
                    throw new UsageException("--embeddings azure needs the API key in the environment variable AZURE_OPENAI_API_KEY");
                }
                if (url == null || model == null) {
                    throw new UsageException("--embeddings azure needs --embedding-url (the resource endpoint) and --embedding-model (the deployment)");
                }
                HttpEmbeddingService.AzureOpenAiBuilder b = HttpEmbeddingService.azureOpenAi().apiKey(key).endpoint(url).deployment(model)
                        .model(model);
                if (dimensions != null) {
                    b.dimensions(dimensions);
                }
                budgets(b);
                return b.build();
            }
            case "ollama": {
                HttpEmbeddingService.OllamaBuilder b = HttpEmbeddingService.ollama().model(model != null ? model : "nomic-embed-text");
                if (url != null) {
                    b.baseUrl(url);
                }
                if (dimensions != null) {
                    b.dimensions(dimensions);
                }
                budgets(b);
                return b.build();
            }
            default:
                throw new UsageException("unknown --embeddings '" + provider + "' (expected local, openai, azure, ollama or none)");
        }
    }
}

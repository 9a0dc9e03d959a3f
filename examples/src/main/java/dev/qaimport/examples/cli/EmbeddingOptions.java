package dev.qaimport.examples.cli;

import dev.qaimport.embed.http.HttpEmbeddingService;
import dev.qaimport.embed.onnx.OnnxEmbeddingService;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.EmbeddingServices;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * Which embedding provider to use: {@code --embeddings local|openai|azure|ollama|none}. Keys
 * come from the environment only ({@code OPENAI_API_KEY}, {@code AZURE_OPENAI_API_KEY}), never
 * from a flag, so they do not show in the process list or shell history.
 *
 * <p>An import records its provider with the job. Commands that continue jobs ({@code resume},
 * {@code retry}, {@code worker}) embed each job with the provider it recorded, built here from
 * the recorded profile, unless {@code --embeddings} names one, which then embeds every job.
 */
public final class EmbeddingOptions {
    private static final String OPENAI_URL = "https://api.openai.com";
    private static final String OPENAI_MODEL = "text-embedding-3-small";
    private static final String OLLAMA_URL = "http://localhost:11434";
    private static final String OLLAMA_MODEL = "nomic-embed-text";

    @Option(names = "--embeddings", paramLabel = "PROVIDER", description = "local (in-process all-MiniLM-L6-v2, the default), "
            + "openai (needs OPENAI_API_KEY), azure (needs AZURE_OPENAI_API_KEY), ollama, or none.")
    String provider;

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
        String p = kind();
        if (!p.equals("local")) {
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

    /** Whether {@code --embeddings} was given: the command then embeds every job with it, whatever the job recorded. */
    boolean named() {
        return provider != null;
    }

    /** Whether any of these options was given, {@code --embeddings} or another. */
    boolean given() {
        return provider != null || url != null || model != null || dimensions != null || tokensPerMinute != null
                || requestsPerMinute != null;
    }

    /** The provider kind asked for: {@code local} unless {@code --embeddings} says otherwise. */
    String kind() {
        String p = provider == null ? "local" : provider.toLowerCase(Locale.ROOT).strip();
        return p.equals("onnx") ? "local" : p;
    }

    /** The profile an import records for what these options ask, without building the provider (no key needed). */
    EmbeddingProfile profile() {
        String p = kind();
        checkFlags(p);
        switch (p) {
            case "none":
                return EmbeddingProfile.none();
            case "local":
                return EmbeddingProfile.of("local", OnnxEmbeddingService.MODEL_ID);
            case "openai":
                return new EmbeddingProfile(p, url != null ? url : OPENAI_URL, model != null ? model : OPENAI_MODEL, dimensions, null);
            case "azure":
                return new EmbeddingProfile(p, url, model, dimensions, null);
            case "ollama":
                return new EmbeddingProfile(p, url != null ? url : OLLAMA_URL, model != null ? model : OLLAMA_MODEL, dimensions, null);
            default:
                throw unknown();
        }
    }

    /** The service, or {@code null} for {@code none}. */
    EmbeddingService create(Env env) {
        EmbeddingProfile asked = profile();
        String p = asked.provider();
        if (p.equals("none")) {
            return null;
        }
        if (p.equals("local")) {
            return OnnxEmbeddingService.create();
        }
        String key = keyFor(p, env);
        if (key == null && !p.equals("ollama")) {
            throw new UsageException("--embeddings " + p + " needs the API key in the environment variable " + keyVariable(p));
        }
        return build(asked, key);
    }

    /**
     * The own service of a command that continues jobs ({@code resume}, {@code retry},
     * {@code worker}): as {@link #create}, except that without {@code --embeddings} the budgets
     * {@code --embedding-tpm} and {@code --embedding-rpm} are allowed, for the providers built
     * from the profiles jobs recorded ({@link #fromProfiles}).
     */
    EmbeddingService createForContinuing(Env env) {
        if (named()) {
            return create(env);
        }
        checkFlags(kind(), true);
        return OnnxEmbeddingService.create();
    }

    /**
     * Providers for the profiles jobs recorded, built on first use with keys from the environment
     * and each passed through {@code wrap}. A profile whose key is missing or whose kind is not
     * known here gets none, said once on {@code err}: its jobs' pairs stay pending.
     */
    EmbeddingServices fromProfiles(Env env, UnaryOperator<EmbeddingService> wrap) {
        Map<EmbeddingProfile, Optional<EmbeddingService>> built = new ConcurrentHashMap<>();
        Set<String> told = ConcurrentHashMap.newKeySet();
        return profile -> built.computeIfAbsent(profile.withInput(null), p -> {
            Optional<EmbeddingService> service = Optional.ofNullable(forProfile(p, env)).map(wrap);
            if (service.isEmpty() && told.add(p.describe())) {
                PrintStream err = env.err();
                err.println("qa-import: jobs recorded with " + Printable.line(p.describe()) + " wait"
                        + (keyVariable(p.provider()) == null ? " for a provider this program cannot build"
                                : " for the API key in the environment variable " + keyVariable(p.provider()))
                        + "; their pairs stay pending");
            }
            return service;
        });
    }

    private EmbeddingService forProfile(EmbeddingProfile p, Env env) {
        switch (p.provider()) {
            case "local":
                return OnnxEmbeddingService.MODEL_ID.equals(p.model()) ? OnnxEmbeddingService.create() : null;
            case "openai":
            case "azure": {
                String key = keyFor(p.provider(), env);
                return key == null || (p.provider().equals("azure") && p.baseUrl() == null) ? null : build(p, key);
            }
            case "ollama":
                return build(p, null);
            default:
                return null;
        }
    }

    /** A provider of profile {@code p}, within the budgets of {@code --embedding-tpm} and {@code --embedding-rpm} if given. */
    private EmbeddingService build(EmbeddingProfile p, String key) {
        switch (p.provider()) {
            case "openai": {
                HttpEmbeddingService.OpenAiBuilder b = HttpEmbeddingService.openAi().apiKey(key).model(p.model());
                if (p.baseUrl() != null) {
                    b.baseUrl(p.baseUrl());
                }
                if (p.dimensions() != null) {
                    b.dimensions(p.dimensions());
                }
                budgets(b);
                return b.build();
            }
            case "azure": {
                HttpEmbeddingService.AzureOpenAiBuilder b = HttpEmbeddingService.azureOpenAi().apiKey(key).endpoint(p.baseUrl())
                        .deployment(p.model()).model(p.model());
                if (p.dimensions() != null) {
                    b.dimensions(p.dimensions());
                }
                budgets(b);
                return b.build();
            }
            case "ollama": {
                HttpEmbeddingService.OllamaBuilder b = HttpEmbeddingService.ollama().model(p.model());
                if (p.baseUrl() != null) {
                    b.baseUrl(p.baseUrl());
                }
                if (p.dimensions() != null) {
                    b.dimensions(p.dimensions());
                }
                budgets(b);
                return b.build();
            }
            default:
                throw new IllegalArgumentException("no provider of kind " + p.provider());
        }
    }

    private void budgets(HttpEmbeddingService.Builder<?> b) {
        if (tokensPerMinute != null) {
            b.tokensPerMinute(tokensPerMinute);
        }
        if (requestsPerMinute != null) {
            b.requestsPerMinute(requestsPerMinute);
        }
    }

    private void checkFlags(String p) {
        checkFlags(p, false);
    }

    /** {@code budgetsForRecorded}: budgets without {@code --embeddings} bound the providers built from recorded profiles. */
    private void checkFlags(String p, boolean budgetsForRecorded) {
        if (dimensions != null && dimensions < 1) {
            throw new UsageException("--embedding-dimensions must be at least 1, not " + dimensions);
        }
        if (tokensPerMinute != null && tokensPerMinute < 1) {
            throw new UsageException("--embedding-tpm must be at least 1, not " + tokensPerMinute);
        }
        if (requestsPerMinute != null && requestsPerMinute < 1) {
            throw new UsageException("--embedding-rpm must be at least 1, not " + requestsPerMinute);
        }
        boolean budgets = tokensPerMinute != null || requestsPerMinute != null;
        if (budgets && p.equals("none")) {
            throw new UsageException("--embedding-tpm and --embedding-rpm need a provider (--embeddings openai, azure or ollama)");
        }
        if (budgets && p.equals("local") && !budgetsForRecorded) {
            throw new UsageException("--embedding-tpm and --embedding-rpm do not apply to --embeddings local (the model runs in "
                    + "this process)");
        }
        switch (p) {
            case "none":
            case "openai":
            case "ollama":
                return;
            case "local":
                if (url != null || model != null || dimensions != null) {
                    throw new UsageException("--embedding-url, --embedding-model and --embedding-dimensions do not apply to --embeddings local");
                }
                return;
            case "azure":
                if (url == null || model == null) {
                    throw new UsageException("--embeddings azure needs --embedding-url (the resource endpoint) and --embedding-model (the deployment)");
                }
                return;
            default:
                throw unknown();
        }
    }

    private UsageException unknown() {
        return new UsageException("unknown --embeddings '" + provider + "' (expected local, openai, azure, ollama or none)");
    }

    private static String keyVariable(String kind) {
        switch (kind) {
            case "openai":
                return "OPENAI_API_KEY";
            case "azure":
                return "AZURE_OPENAI_API_KEY";
            default:
                return null;
        }
    }

    private static String keyFor(String kind, Env env) {
        String variable = keyVariable(kind);
        String key = variable == null ? null : env.get(variable);
        return key == null || key.isBlank() ? null : key;
    }
}

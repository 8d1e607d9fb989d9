namespace Kinship.Lineage.Simulation;

/// <summary>
/// Trait distributions of the study's Hub snapshot (Laufer et al., "Anatomy of a Machine Learning Ecosystem", Figure 1 / §5):
/// the top-10 values carry the published shares, the tails are small invented shares of plausible values.
/// </summary>
public static class HubMarginals
{
    /// <summary>License ids with their share of all models (apache-2.0 16.04%, mit 5.9%, ...); the remainder declares none.</summary>
    public static IReadOnlyList<(string License, double Share, LicenseCategory Category)> Licenses { get; } =
    [
        ("apache-2.0", 0.1604, LicenseCategory.Permissive),
        ("mit", 0.059, LicenseCategory.Permissive),
        ("other", 0.044, LicenseCategory.Unclassified),
        ("openrail", 0.0202, LicenseCategory.UseRestricted),
        ("creativeml-openrail-m", 0.0157, LicenseCategory.UseRestricted),
        ("cc-by-nc-4.0", 0.0077, LicenseCategory.UseRestricted),
        ("llama2", 0.0055, LicenseCategory.Commercial),
        ("llama3", 0.0053, LicenseCategory.Commercial),
        ("gemma", 0.0047, LicenseCategory.Commercial),
        ("unknown", 0.0045, LicenseCategory.Unclassified),
        ("cc-by-4.0", 0.0040, LicenseCategory.Copyleft),
        ("llama3.1", 0.0040, LicenseCategory.Commercial),
        ("llama3.2", 0.0030, LicenseCategory.Commercial),
        ("cc-by-sa-4.0", 0.0022, LicenseCategory.Copyleft),
        ("cc-by-nc-sa-4.0", 0.0022, LicenseCategory.UseRestricted),
        ("openrail++", 0.0020, LicenseCategory.UseRestricted),
        ("gpl-3.0", 0.0020, LicenseCategory.Copyleft),
        ("afl-3.0", 0.0015, LicenseCategory.Permissive),
        ("bsd-3-clause", 0.0012, LicenseCategory.Unclassified),
        ("llama3.3", 0.0010, LicenseCategory.Commercial),
        ("cc0-1.0", 0.0010, LicenseCategory.Permissive),
        ("bigscience-bloom-rail-1.0", 0.0010, LicenseCategory.UseRestricted),
        ("cc-by-nc-nd-4.0", 0.0008, LicenseCategory.UseRestricted),
        ("agpl-3.0", 0.0006, LicenseCategory.Unclassified),
        ("artistic-2.0", 0.0005, LicenseCategory.Permissive),
        ("unlicense", 0.0005, LicenseCategory.Permissive),
        ("cc", 0.0005, LicenseCategory.Permissive),
    ];

    /// <summary>ISO-639-1 codes with their share of models that declare a language (English 85.56%, Chinese 4.99%, ...).</summary>
    public static IReadOnlyList<(string Code, double Share)> Languages { get; } =
    [
        ("en", 0.8556), ("zh", 0.0499), ("fr", 0.0454), ("es", 0.0414), ("de", 0.0407), ("ja", 0.0347), ("ko", 0.0327),
        ("it", 0.0323), ("pt", 0.0320), ("ru", 0.0255), ("ar", 0.0200), ("hi", 0.0150), ("nl", 0.0150), ("pl", 0.0140),
        ("tr", 0.0130), ("vi", 0.0120), ("id", 0.0110), ("sv", 0.0090), ("th", 0.0080), ("ro", 0.0070), ("fa", 0.0070),
        ("uk", 0.0060), ("cs", 0.0050), ("el", 0.0050), ("he", 0.0040), ("fi", 0.0040), ("da", 0.0040), ("hu", 0.0040),
        ("bn", 0.0040), ("ta", 0.0030), ("ur", 0.0030), ("sw", 0.0030), ("ms", 0.0030), ("ca", 0.0030), ("no", 0.0030),
    ];

    /// <summary>Pipeline tags with their share of models that have one (text-generation 41.07%, ...) and their lifecycle stage.</summary>
    /// <remarks>Stages follow the study's task ordering (§4.2): 0 features/embeddings, 1 generation and translation, 2 classification, 3 reinforcement learning.</remarks>
    public static IReadOnlyList<(string Task, double Share, int Stage)> Tasks { get; } =
    [
        ("text-generation", 0.4107, 1), ("text-classification", 0.1362, 2), ("text-to-image", 0.114, 1),
        ("reinforcement-learning", 0.0866, 3), ("automatic-speech-recognition", 0.0349, 1), ("token-classification", 0.0323, 2),
        ("image-classification", 0.0259, 2), ("fill-mask", 0.021, 0), ("feature-extraction", 0.0201, 0), ("question-answering", 0.0179, 1),
        ("sentence-similarity", 0.017, 0), ("text2text-generation", 0.016, 1), ("image-text-to-text", 0.012, 1), ("translation", 0.010, 1),
        ("text-to-speech", 0.008, 1), ("object-detection", 0.007, 2), ("summarization", 0.006, 1), ("audio-classification", 0.006, 2),
        ("image-to-text", 0.006, 1), ("image-segmentation", 0.006, 2), ("any-to-any", 0.003, 1), ("audio-to-audio", 0.003, 1),
    ];

    /// <summary>Library names with their share of models that have one (transformers 63.17%, peft 19.92%, diffusers 8.31%, ...).</summary>
    public static IReadOnlyList<(string Library, double Share)> Libraries { get; } =
    [
        ("transformers", 0.6317), ("peft", 0.1992), ("diffusers", 0.0831), ("stable-baselines3", 0.0214), ("sentence-transformers", 0.0132),
        ("ml-agents", 0.0108), ("tf-keras", 0.0034), ("adapter-transformers", 0.0033), ("keras", 0.0026), ("mlx", 0.0026),
        ("gguf", 0.0120), ("timm", 0.0060), ("sample-factory", 0.0050), ("pytorch", 0.0057),
    ];

    /// <summary>Share of models with a pipeline tag (not published; an assumption of the simulator).</summary>
    public const double TaskShare = 0.72;
    /// <summary>Share of models with a library name (not published; an assumption of the simulator).</summary>
    public const double LibraryShare = 0.80;
    /// <summary>Share of models declaring at least one language: 258,938 of 1,860,411.</summary>
    public const double LanguageShare = 258_938.0 / 1_860_411.0;
}

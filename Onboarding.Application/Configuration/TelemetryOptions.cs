namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Telemetry</c>: where metrics and traces go.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// <c>none</c>, <c>console</c> or <c>otlp</c>. Azure Monitor is used in addition whenever
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the Azure deployment sets it).
    /// </summary>
    public string Exporter { get; set; } = "none";

    /// <summary>The OTLP collector for <c>otlp</c>, e.g. http://127.0.0.1:4317.</summary>
    public string? OtlpEndpoint { get; set; }
}

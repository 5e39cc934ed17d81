namespace Onboarding.Application.Operators.Http;

/// <summary>A verified journey's pending erasure request: when the user asked, and until when the KYC record is kept.</summary>
public sealed record ErasureRequestView(DateTime RequestedAt, DateTime RetainedUntil);

namespace Onboarding.Application.Retention;

/// <summary>The sweep's lease lapsed and another sweep took it: this one stops.</summary>
public sealed class SweepLeaseLostException : Exception;

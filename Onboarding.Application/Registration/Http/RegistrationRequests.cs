namespace Onboarding.Application.Registration.Http;

public sealed record PhoneCodeRequest(string? Code);

public sealed record EmailConfirmationRequest(string? Token);

/// <summary>Body of the resend routes, optional: the human check's token when one is configured.</summary>
public sealed record ResendRequest(string? HumanCheckToken);

public sealed record ProfileRequest(
    string? GivenName,
    string? FamilyName,
    string? NameOrder,
    string? Nationality,
    string? DateOfBirth,
    string? PassportNumber,
    string? ChineseName = null);

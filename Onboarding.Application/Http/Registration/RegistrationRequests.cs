namespace Onboarding.Application.Http.Registration;

public sealed record PhoneCodeRequest(string? Code);

public sealed record EmailConfirmationRequest(string? Token);

public sealed record ProfileRequest(
    string? GivenName,
    string? FamilyName,
    string? NameOrder,
    string? Nationality,
    string? DateOfBirth,
    string? PassportNumber);

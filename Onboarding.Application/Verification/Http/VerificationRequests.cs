using System.Text.Json;

namespace Onboarding.Application.Verification.Http;

public sealed record VerificationRequest(string? IdentityType, string? BankName, string? BankAccountNumber, string? AccountHolderName);

/// <summary>Amounts as strings ("0.37") or numbers (0.37): kept raw, parsed by the domain.</summary>
public sealed record DepositAmountsRequest(JsonElement[]? Amounts);


namespace Onboarding.Application.Storage;

/// <summary>
/// A journey's own row: its credentials and the person's data, which the orchestration only
/// ever refers to by journey id. Table <c>Journeys</c>; PartitionKey = journey id, RowKey = "journey".
/// </summary>
public sealed class JourneyRecord : TableRow
{
    public const string Row = "journey";

    public string TokenHash { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>The key of the address's row in <c>EmailClaims</c>.</summary>
    public string EmailKey { get; set; } = "";
    public string PhoneNumber { get; set; } = "";
    public string Region { get; set; } = "";
    public string Language { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The row key of the start's Idempotency-Key record, if the start had one (erasure deletes it).</summary>
    public string? IdempotencyKeyHash { get; set; }

    /// <summary>HMAC of the e-mail link token sent last; older links stop working when a new one is sent.</summary>
    public string? EmailLinkHmac { get; set; }

    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? NameOrder { get; set; }
    public string? Nationality { get; set; }
    public string? DateOfBirth { get; set; }
    public string? PassportNumber { get; set; }

    public string? BankName { get; set; }
    public string? BankAccountNumber { get; set; }
    public string? AccountHolderName { get; set; }

    /// <summary>When an operator started erasing the journey: from then on it is unknown to every route but the erase itself.</summary>
    public DateTimeOffset? ErasingSince { get; set; }

    public string JourneyId => PartitionKey;
}

using Onboarding.Domain.Registration;

namespace Onboarding.Application.Storage;

/// <summary>
/// A journey's own row: its credentials and the person's data, which the orchestration only
/// ever refers to by journey id. Table <c>Journeys</c>; PartitionKey = journey id, RowKey = "journey".
/// The birth date, passport number, bank account number and holder name are stored sealed
/// (<see cref="Security.FieldCipher"/>; <see cref="JourneyRecords"/> opens them). Once the journey
/// ended or was verified, the person's data is removed and only the masked e-mail and phone stay.
/// </summary>
public sealed class JourneyRecord : TableRow
{
    public const string Row = "journey";

    public string TokenHash { get; set; } = "";

    /// <summary>
    /// The hashes of the tokens of other devices that joined the journey through a way back
    /// (<see cref="Resume.ResumeLinks"/>), space-separated, newest last, at most <see cref="MaxDevices"/>.
    /// </summary>
    public string? DeviceTokenHashes { get; set; }

    /// <summary>How many devices besides the first may hold a token at once; a newer one signs out the oldest.</summary>
    public const int MaxDevices = 8;
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

    /// <summary>The name in Chinese characters, when the person gave one.</summary>
    public string? ChineseName { get; set; }
    public string? NameOrder { get; set; }
    public string? Nationality { get; set; }
    public string? DateOfBirth { get; set; }
    public string? PassportNumber { get; set; }

    public string? BankName { get; set; }
    public string? BankAccountNumber { get; set; }
    public string? AccountHolderName { get; set; }

    /// <summary>The e-mail address and phone number as the status shows them, kept once the row's personal data is removed.</summary>
    public string? MaskedEmail { get; set; }
    public string? MaskedPhoneNumber { get; set; }

    /// <summary>When the person's data was removed from the row (the journey ended or was verified); null while the row holds it.</summary>
    public DateTimeOffset? PersonalDataRemovedAt { get; set; }

    /// <summary>The time of the last change of an idle journey that its user was told about, and the date they were told it ends.</summary>
    public DateTimeOffset? InactiveSince { get; set; }
    public DateTimeOffset? InactiveEndsAt { get; set; }

    /// <summary>
    /// When the journey's address turned out to be someone else's (an account, or another running
    /// registration) and its owner was told instead of sent a link: no notice of this journey goes to that address.
    /// </summary>
    public DateTimeOffset? OwnerToldAt { get; set; }

    /// <summary>How the journey ended (<see cref="JourneyEnding"/>), once it ended unverified; null while it runs.</summary>
    public string? EndedBy { get; set; }

    /// <summary>The stage whose window passed or in which the journey was ended.</summary>
    public string? EndedAtStage { get; set; }

    /// <summary>The reason an operator gave for ending it (they write it for the user).</summary>
    public string? EndReason { get; set; }

    /// <summary>When an operator started erasing the journey: from then on it is unknown to every route but the erase itself.</summary>
    public DateTimeOffset? ErasingSince { get; set; }

    /// <summary>Who asked for the erase (operator, user, retention), for its tombstone.</summary>
    public string? ErasingBy { get; set; }

    public string JourneyId => PartitionKey;

    /// <summary>Whether <paramref name="token"/> is the journey's token or one of its devices'.</summary>
    public bool Admits(string token) =>
        Security.JourneySecrets.TokenMatches(token, TokenHash)
        || (DeviceTokenHashes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(hash => Security.JourneySecrets.TokenMatches(token, hash));

    /// <summary>Whether the row still holds any of the person's data (the sweep repairs a finished journey's row that does).</summary>
    public bool HoldsPersonalData() =>
        Email.Length > 0 || PhoneNumber.Length > 0 || EmailKey.Length > 0 || IdempotencyKeyHash is not null
        || GivenName is not null || FamilyName is not null || ChineseName is not null || Nationality is not null || DateOfBirth is not null || PassportNumber is not null
        || BankName is not null || BankAccountNumber is not null || AccountHolderName is not null;

    /// <summary>The e-mail address as the status shows it.</summary>
    public string EmailShown() => Email.Length > 0 ? Masking.Email(Email) : MaskedEmail ?? "";

    /// <summary>The phone number as the status shows it.</summary>
    public string PhoneNumberShown() => PhoneNumber.Length > 0 ? Domain.Registration.PhoneNumber.FromE164(PhoneNumber).Masked : MaskedPhoneNumber ?? "";
}

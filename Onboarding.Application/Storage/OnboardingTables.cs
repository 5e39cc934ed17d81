using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Onboarding.Application.Storage;

/// <summary>
/// The application's tables (every table name is here), each created on first use, and
/// <see cref="PersonalData"/>: the tables that hold a person's data.
/// </summary>
public sealed class OnboardingTables(TableServiceClient service, string prefix)
{
    public const string Journeys = "Journeys";
    public const string EmailClaims = "EmailClaims";
    public const string Accounts = "Accounts";
    public const string Deliveries = "Deliveries";
    public const string IdempotencyKeys = "IdempotencyKeys";
    public const string AuditEvents = "AuditEvents";
    public const string JourneyIndex = "JourneyIndex";
    public const string SandboxTransfers = "SandboxTransfers";
    public const string SandboxPayments = "SandboxPayments";
    public const string DevOutbox = "DevOutbox";
    public const string ErasureRequests = "ErasureRequests";
    public const string RetentionSweeps = "RetentionSweeps";
    public const string Limits = "Limits";
    public const string BankAccountOwners = "BankAccountOwners";
    public const string JourneyEvents = "JourneyEvents";
    public const string DevEvents = "DevEvents";
    public const string ResumeLinks = "ResumeLinks";
    public const string JourneyInputs = "JourneyInputs";

    /// <summary>What operators and erasures did to journeys, kept after the journeys: no personal data (not on the list below).</summary>
    public const string ActionLog = "ActionLog";

    /// <summary>
    /// Every table that holds a person's data, with how a journey's rows are found in it. The
    /// eraser deletes by walking this list; a test fails when a table that is not on it holds a
    /// test person's values after whole journeys, or when a table on it was never made. A new
    /// table goes here if a row of it can be tied to a person (by a key, a value, or a journey id).
    /// </summary>
    public static IReadOnlyList<PersonalDataTable> PersonalData { get; } =
    [
        new(Journeys, JourneyRows.PartitionIsJourneyId, "the journey's own row: e-mail, phone, profile (names, birth date and passport number sealed) and bank details (account number and holder sealed), until the journey ends or is verified"),
        new(JourneyInputs, JourneyRows.PartitionIsJourneyId, "the inputs the journey accepted, each once: the profile (names, birth date and passport number sealed) and each cycle's bank details (account number and holder sealed, the person's lookup key), until the journey ends or is verified"),
        new(Accounts, JourneyRows.PartitionIsJourneyId, "the account the journey created: e-mail, phone, names, nationality, birth date and passport number (sealed); once verified, the KYC record with the bank account"),
        new(EmailClaims, JourneyRows.PartitionIsEmailKey, "keyed by the lookup key of the e-mail address (the earlier build: its SHA-256, which anyone holding the address finds), with the journey that holds it"),
        new(Deliveries, JourneyRows.PartitionIsJourneyId, "the messages sent to the person, and a code or link token until its message is out"),
        new(IdempotencyKeys, JourneyRows.PartitionIsIdempotencyKeyHash, "the journey the person's start made, and its token (encrypted)"),
        new(AuditEvents, JourneyRows.PartitionIsJourneyId, "what happened to the person's journey, masked values only (the eraser leaves a tombstone that names no one)"),
        new(JourneyIndex, JourneyRows.RowKeyIsCreationTimeAndJourneyId, "the journey's status for operators: masked e-mail, phone and account number"),
        new(SandboxTransfers, JourneyRows.PartitionIsBankAccount, "deposits into the person's bank account, keyed by its lookup key"),
        new(SandboxPayments, JourneyRows.PartitionIsPaymentReference, "the journey's payment orders, with the lookup key of the person's bank account"),
        new(BankAccountOwners, JourneyRows.VerifiedBankAccountOfJourney, "the person (lookup key of passport and nationality) a bank account (lookup key) was verified for, and the journey that did"),
        new(Limits, JourneyRows.CountersOfJourney, "the journey's own counters; the counters across journeys are keyed by lookup keys (phone, passport, bank account, client address, e-mail address) and count journeys by a hash of their id, and stay: an erase gives back no limit"),
        new(JourneyEvents, JourneyRows.EventsOfJourney, "the journey's published events: its status at each stage change, masked values only (the erase keeps a head naming no one: the journey id, how many events, when it was erased)"),
        new(DevEvents, JourneyRows.PartitionIsJourneyId, "what the local Event Grid stand-in received of the journey's events, masked values only (development only)"),
        new(DevOutbox, JourneyRows.RecipientRowsNamingJourney, "every message to the person's e-mail address and phone number, codes and links included (development only)"),
        new(ResumeLinks, JourneyRows.PartitionIsJourneyId, "the ways back into the person's journey that messages carry (hashes of single-use tokens, until used or purged)"),
        new(ErasureRequests, JourneyRows.PartitionIsJourneyId, "the person's request to erase a verified journey, waiting for the KYC record's retention period"),
    ];

    readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new(StringComparer.Ordinal);

    /// <summary>The table's name in the account, with the configured prefix.</summary>
    public string NameOf(string table) => prefix + table;

    public Task<TableClient> GetAsync(string table) =>
        tables.GetOrAdd(table, name => new Lazy<Task<TableClient>>(() => CreateAsync(name))).Value;

    async Task<TableClient> CreateAsync(string table)
    {
        TableClient client = service.GetTableClient(NameOf(table));
        try
        {
            await client.CreateIfNotExistsAsync();
        }
        catch (RequestFailedException)
        {
            tables.TryRemove(table, out _); // let the next call try again
            throw;
        }

        return client;
    }

    /// <summary>True when storage answers; used by the health route.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in service.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
            {
                break;
            }

            return true;
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or AggregateException or OperationCanceledException)
        {
            return false;
        }
    }
}

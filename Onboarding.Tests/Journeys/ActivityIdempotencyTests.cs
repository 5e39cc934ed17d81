using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Development;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Messaging;
using Onboarding.Application.PersonalData;
using Onboarding.Application.Registration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Application.Verification;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Journeys;

/// <summary>Activities run at least once: running one again for the same step changes nothing outside.</summary>
public sealed class ActivityIdempotencyTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task SendDeposits_RunTwiceForTheSameCycle_OneSetOfTransfersAndTheSameHmac()
    {
        string account = Builders.AccountNumber();
        string journeyId = await SeedJourneyAsync(account);
        SendDeposits activity = host.Services.GetRequiredService<SendDeposits>();
        var order = new DepositOrder(journeyId, Cycle: 1, Count: 2, OrderedAt: new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc));

        DepositsMade first = await activity.RunAsync(order);
        DepositsMade second = await activity.RunAsync(order);

        Assert.Equal(first, second);
        IReadOnlyList<SandboxTransfer> statement = await host.Services.GetRequiredService<SandboxBank>().StatementAsync(account, CancellationToken.None);
        Assert.Equal(2, statement.Count);
        Assert.All(statement, transfer => Assert.InRange(transfer.AmountFen, 1, 99));
    }

    [Fact]
    public async Task SendDeposits_NextCycle_FreshDeposits()
    {
        string account = Builders.AccountNumber();
        string journeyId = await SeedJourneyAsync(account);
        SendDeposits activity = host.Services.GetRequiredService<SendDeposits>();

        await activity.RunAsync(new DepositOrder(journeyId, 1, 2, DateTime.UtcNow));
        await activity.RunAsync(new DepositOrder(journeyId, 2, 2, DateTime.UtcNow));

        IReadOnlyList<SandboxTransfer> statement = await host.Services.GetRequiredService<SandboxBank>().StatementAsync(account, CancellationToken.None);
        Assert.Equal(4, statement.Count);
        Assert.Equal(2, statement.Select(transfer => transfer.Reference).Distinct().Count());
    }

    [Fact]
    public async Task SendPhoneCode_RunTwiceForTheSameSend_OneSmsAndTheSameHmac()
    {
        string phone = Builders.PhoneNumber();
        string journeyId = await SeedJourneyAsync(Builders.AccountNumber(), phone);
        SendPhoneCode activity = host.Services.GetRequiredService<SendPhoneCode>();
        var order = new ChallengeOrder(journeyId, 1, TimeSpan.FromMinutes(10));

        string first = await activity.RunAsync(order);
        string second = await activity.RunAsync(order);

        Assert.Equal(first, second);
        Assert.Single(await host.Services.GetRequiredService<DevOutbox>().ListAsync(phone, CancellationToken.None));
    }

    [Fact]
    public async Task SendOnce_FirstAttemptFailedToSend_ReRunSendsTheFirstSecretUnderTheSameIdThenNothing()
    {
        string journeyId = await SeedJourneyAsync(Builders.AccountNumber());
        Deliveries deliveries = host.Services.GetRequiredService<Deliveries>();
        var sent = new List<(string? Secret, SendId Id)>();
        int secretsMade = 0;
        Deliveries.Secret NewSecret() => new($"secret-{++secretsMade}", $"hmac-{secretsMade}");

        await Assert.ThrowsAsync<HttpRequestException>(() => deliveries.SendOnceAsync(
            journeyId, "notice-1", "SMS", "+86 *** 1234", NewSecret, (_, _) => throw new HttpRequestException("provider down")));
        string? second = await deliveries.SendOnceAsync(journeyId, "notice-1", "SMS", "+86 *** 1234", NewSecret, (secret, id) =>
        {
            sent.Add((secret, id));
            return Task.CompletedTask;
        });
        string? third = await deliveries.SendOnceAsync(journeyId, "notice-1", "SMS", "+86 *** 1234", NewSecret, (secret, id) =>
        {
            sent.Add((secret, id));
            return Task.CompletedTask;
        });

        (string? secretSent, SendId idSent) = Assert.Single(sent);
        Assert.Equal("secret-1", secretSent);
        Assert.Equal(Deliveries.RepeatabilityId(journeyId, "notice-1"), idSent.RepeatabilityId);
        Assert.Equal("hmac-1", second);
        Assert.Equal("hmac-1", third);
    }

    [Fact]
    public async Task SendPhoneCode_CodeDelivered_NoPlainCodeLeftInTheDeliveryRow()
    {
        string journeyId = await SeedJourneyAsync(Builders.AccountNumber());

        await host.Services.GetRequiredService<SendPhoneCode>().RunAsync(new ChallengeOrder(journeyId, 1, TimeSpan.FromMinutes(10)));

        TableClient deliveries = await host.Tables.GetAsync(OnboardingTables.Deliveries);
        TableEntity row = (await deliveries.GetEntityAsync<TableEntity>(journeyId, "phone-code-1")).Value!;
        Assert.Null(row.GetString(nameof(Onboarding.Application.Messaging.DeliveryRecord.PendingSecret)));
        Assert.NotNull(row.GetDateTimeOffset(nameof(Onboarding.Application.Messaging.DeliveryRecord.SentAt)));
    }

    [Fact]
    public async Task OpenAccount_RunTwice_OneAccountOneWelcomeMail()
    {
        string email = Builders.Email();
        string journeyId = await SeedJourneyAsync(Builders.AccountNumber(), email: email);
        await host.Services.GetRequiredService<JourneyRecords>().SaveProfileAsync(
            journeyId, new Onboarding.Domain.Registration.Profile("Anna", "Smith", Onboarding.Domain.Registration.NameOrder.GivenFirst, "US", new DateOnly(1990, 1, 31), "X1234567"));
        OpenAccount activity = host.Services.GetRequiredService<OpenAccount>();

        Assert.True(await activity.RunAsync(journeyId));
        Assert.True(await activity.RunAsync(journeyId));

        Assert.Single(await host.Services.GetRequiredService<DevOutbox>().ListAsync(email, CancellationToken.None));
        TableClient accounts = await host.Tables.GetAsync(OnboardingTables.Accounts);
        AccountRecord account = (await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row))!;
        Assert.False(account.Verified);
        FieldCipher cipher = host.Services.GetRequiredService<FieldCipher>();
        Assert.StartsWith(cipher.CurrentPrefix, account.PassportNumber, StringComparison.Ordinal);
        Assert.Equal("X1234567", cipher.Open(PersonalField.PassportNumber, journeyId, account.PassportNumber));
    }

    [Fact]
    public async Task FinishJourney_RunAgainAfterACrashHalfWay_FinishesTheJobAndTellsTheUserOnce()
    {
        string email = Builders.Email();
        string journeyId = await SeedJourneyAsync(Builders.AccountNumber(), email: email);
        JourneyRecords records = host.Services.GetRequiredService<JourneyRecords>();
        DevOutbox outbox = host.Services.GetRequiredService<DevOutbox>();
        var end = new JourneyEnd(new ProgressReport(journeyId, Onboarding.Domain.Journeys.Journey.Begin(Onboarding.Domain.Journeys.JourneyPolicy.Default, DateTime.UtcNow).Progress, null), NoticeKind.Cancelled);

        // The crash: the notice went out, the row's data was removed, and the deliveries were being
        // deleted: the one that remembers the notice is gone, the others are still there.
        await host.Services.GetRequiredService<NotifyUser>().RunAsync(new Notice(journeyId, NoticeKind.Cancelled, "cancelled"));
        await records.RemovePersonalDataAsync(journeyId, DateTimeOffset.UtcNow);
        TableClient deliveries = await host.Tables.GetAsync(OnboardingTables.Deliveries);
        await deliveries.DeleteEntityAsync(journeyId, "cancelled-email");

        Assert.True(await host.Services.GetRequiredService<FinishJourney>().RunAsync(end));
        Assert.True(await host.Services.GetRequiredService<FinishJourney>().RunAsync(end));

        Assert.Single(await outbox.ListAsync(email, CancellationToken.None));
        JourneyRecord row = await records.GetAsync(journeyId);
        Assert.False(row.HoldsPersonalData());
        Assert.Empty(deliveries.Query<TableEntity>(entity => entity.PartitionKey == journeyId));
        Assert.Null(records.AccountHolderNameOf(row));
    }

    [Fact]
    public async Task CompleteVerification_RunTwice_AccountVerifiedWithItsBankAccountOneMailAndTheRowWithoutCopies()
    {
        string email = Builders.Email();
        string account = Builders.AccountNumber();
        string journeyId = await SeedJourneyAsync(account, email: email);
        JourneyRecords records = host.Services.GetRequiredService<JourneyRecords>();
        await records.SaveProfileAsync(
            journeyId, new Onboarding.Domain.Registration.Profile("Anna", "Smith", Onboarding.Domain.Registration.NameOrder.GivenFirst, "US", new DateOnly(1990, 1, 31), "X1234567"));
        Assert.True(await host.Services.GetRequiredService<OpenAccount>().RunAsync(journeyId));
        CompleteVerification activity = host.Services.GetRequiredService<CompleteVerification>();

        Assert.True(await activity.RunAsync(journeyId));
        Assert.True(await activity.RunAsync(journeyId));

        TableClient accounts = await host.Tables.GetAsync(OnboardingTables.Accounts);
        AccountRecord verified = (await accounts.FindAsync<AccountRecord>(journeyId, AccountRecord.Row))!;
        FieldCipher cipher = host.Services.GetRequiredService<FieldCipher>();
        Assert.True(verified.Verified);
        Assert.Equal(account, cipher.Open(PersonalField.BankAccountNumber, journeyId, verified.BankAccountNumber));
        Assert.Equal("SMITH ANNA", cipher.Open(PersonalField.AccountHolderName, journeyId, verified.AccountHolderName));
        Assert.Equal("Bank of China", verified.BankName);
        Assert.Equal(2, (await host.Services.GetRequiredService<DevOutbox>().ListAsync(email, CancellationToken.None)).Count); // welcome, verified
        JourneyRecord row = await records.GetAsync(journeyId);
        Assert.False(row.HoldsPersonalData());
        Assert.NotNull(row.PersonalDataRemovedAt);
        Assert.Equal(Onboarding.Domain.Registration.Masking.Email(email), row.EmailShown());
    }

    async Task<string> SeedJourneyAsync(string account, string? phone = null, string? email = null)
    {
        string journeyId = Onboarding.Application.Security.JourneySecrets.NewJourneyId();
        JourneyRecords records = host.Services.GetRequiredService<JourneyRecords>();
        await records.InsertAsync(new JourneyRecord
        {
            PartitionKey = journeyId,
            RowKey = JourneyRecord.Row,
            TokenHash = "unused",
            Email = email ?? Builders.Email(),
            EmailKey = journeyId,
            PhoneNumber = phone ?? Builders.PhoneNumber(),
            Region = "US",
            Language = "en",
            CreatedAt = DateTimeOffset.UtcNow,
        });
        Assert.True(await records.TrySaveBankAccountAsync(await records.GetAsync(journeyId), "Bank of China", account, "SMITH ANNA"));
        return journeyId;
    }
}

// Types shared by the template and its modules.

@export()
@description('''
The journey's windows and limits, one property per Journey__<Name> app setting (the same names as
Onboarding.Application.Configuration.JourneyOptions). Durations are .NET TimeSpans: [d.]hh:mm:ss.
A running journey keeps the policy it started with; changes apply to journeys started afterwards.
''')
type journeySettings = {
  @description('How long a phone code can be entered.')
  PhoneCodeValidity: string

  @description('How long an e-mail confirmation link works.')
  EmailLinkValidity: string

  @description('How long the user has to enter the profile and request verification.')
  ProfileWindow: string

  @description('How long the user has to enter the deposited amounts, per verification cycle.')
  DepositWindow: string

  @description('How long before the deposit deadline the reminder goes out.')
  DepositReminderBefore: string

  @minValue(1)
  MaxCodeAttempts: int

  @minValue(0)
  MaxResends: int

  @minValue(1)
  MaxDepositAttempts: int

  @minValue(1)
  MaxVerificationCycles: int

  @minValue(1)
  @maxValue(5)
  DepositCount: int

  @description('How long one connection of a journey\'s event stream lasts before the client reconnects.')
  EventStreamLifetime: string

  @description('How long a way back into a journey (the link every message after the start carries) works; it works once.')
  ResumeLinkValidity: string
}

@export()
@description('''
How long each kind of personal data is kept, one property per Retention__<Name> app setting (the same
names as Onboarding.Application.Configuration.RetentionOptions; README "Personal data"). .NET TimeSpans.
''')
type retentionSettings = {
  @description('How long the orchestration history of a finished journey is kept.')
  FinishedJourneyHistory: string

  @description('How long a journey may wait in registered or locked without a change before it is ended.')
  InactiveJourney: string

  @description('How long before an inactive journey is ended its user is told.')
  InactiveJourneyNotice: string

  @description('How long the KYC record of a verified account is kept after the user asked for erasure.')
  VerifiedAccount: string

  @description('How long a journey\'s audit trail and projection rows are kept after its last change, once the journey is gone.')
  AuditTrail: string

  @description('How long the action log (what operators and erasures did; no personal data) is kept.')
  ActionLog: string
}

@export()
@description('Instances kept running for a per-function scale group of the Flex Consumption plan (e.g. durable, http).')
type alwaysReadyGroup = {
  @description('The scale group: durable (orchestrators and activities), http, or function:<name>.')
  name: string

  @minValue(1)
  instanceCount: int
}

@export()
@description('''
The abuse limits, one property per Limits__<Name> app setting (the same names as
Onboarding.Application.Configuration.LimitsOptions; README "Abuse and fraud controls"). Counted in
Table Storage, shared by every instance.
''')
type limitSettings = {
  @minValue(0)
  StartsPerClientPerHour: int

  @minValue(0)
  JourneysPerPhonePerDay: int

  @description('SMS a day per destination region (the number\'s ISO region, never its calling code).')
  @minValue(0)
  SmsPerCountryPerDay: int

  @description('SMS a day per destination region known for SMS pumping, when such a region is opened.')
  @minValue(0)
  SmsPerHighRiskCountryPerDay: int

  @description('The regions texted at all: ISO codes separated by commas, "default" for the built-in list (README "Abuse and fraud controls"); e.g. "default,JM" opens Jamaica too.')
  SmsDestinations: string

  @description('The regions known for SMS pumping, written the same way ("default": the built-in list).')
  HighRiskSmsDestinations: string

  @description('SMS to all destinations an hour.')
  @minValue(0)
  SmsPerHour: int

  @minValue(0)
  InputsPerJourneyPerMinute: int

  @minValue(0)
  ResendsPerJourneyPerMinute: int

  @description('Deposit cycles per bank account within BankAccountWindow, across all journeys (keeps the deposit-guessing odds at or below 0.2 %).')
  @minValue(0)
  @maxValue(500)
  DepositCyclesPerBankAccount: int

  @description('Of those, the cycles one person (passport and nationality) may ask for.')
  @minValue(0)
  @maxValue(500)
  DepositCyclesPerBankAccountAndPerson: int

  BankAccountWindow: string

  @minValue(0)
  @maxValue(500)
  JourneysPerPassport: int

  @description('Of those, the journeys of one phone number.')
  @minValue(0)
  @maxValue(500)
  JourneysPerPassportAndPhone: int

  PassportWindow: string

  @description('Times a day an address\'s owner is told that a registration named their address.')
  @minValue(0)
  NoticesPerAddressPerDay: int

  @description('Reads (status, stream openings, the e-mail link\'s page) per client a minute, per instance.')
  @minValue(1)
  ReadsPerClientPerMinute: int

  @description('Reads of one journey with its token a minute, per instance.')
  @minValue(1)
  ReadsPerJourneyPerMinute: int

  @description('Event streams of one journey open at once on an instance (a new one closes the oldest).')
  @minValue(1)
  StreamsPerJourney: int

  @description('Event streams one client holds open at once on an instance.')
  @minValue(1)
  StreamsPerClient: int

  @description('Event streams of one journey opened a minute, across every instance.')
  @minValue(0)
  StreamsPerJourneyPerMinute: int

  @description('Ways back asked for on the start page, per e-mail address in any hour.')
  @minValue(0)
  ResumeLinksPerAddressPerHour: int
}

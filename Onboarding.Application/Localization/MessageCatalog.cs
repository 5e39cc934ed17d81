using System.Globalization;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Localization;

/// <summary>The journey's texts in en, zh-Hans, ja and ko.</summary>
public static class MessageCatalog
{
    static readonly Dictionary<string, LanguagePack> Packs = new(StringComparer.Ordinal)
    {
        [Languages.English] = new LanguagePack
        {
            Minutes = new("{0} minute", "{0} minutes"),
            Hours = new("{0} hour", "{0} hours"),
            Days = new("{0} day", "{0} days"),
            Deposits = new("a small deposit", "{0} small deposits"),
            PhoneCodeSms = "{0} is your Onboarding code. It expires in {1}. Never share it with anyone.",
            EmailLinkSubject = "Confirm your e-mail address",
            EmailLinkText = "Hello,\n\nPlease confirm the e-mail address of your Onboarding account by opening this link:\n{0}\n\nThe link works once and expires in {1}. If you did not start a registration, ignore this message.",
            WelcomeSubject = "Your account is registered",
            WelcomeText = "Your Onboarding account is registered but not verified yet. To verify it, add your bank account in the app: we will send one or more small deposits under 1 CNY, and you enter the amounts in the app.",
            ExpiredSubject = "Your registration has expired",
            ExpiredText = "Your Onboarding registration was not completed in time and has expired. You can start again at any time with the same e-mail address.",
            CancelledSubject = "Your registration was cancelled",
            CancelledText = "Your Onboarding registration has been cancelled. If you did not ask for this, please contact support.",
            TerminatedText = "Your Onboarding registration was ended by our team. Reason: {0}. Please contact support if you have questions.",
            DepositsSentSubject = "Check your bank account",
            DepositsSentText = "We sent {0} (under 1 CNY each) to your account ending {1}. Enter the amounts before {2} (UTC) to verify your account.",
            DepositsSentSms = "Onboarding: we sent {0} to your account ending {1}. Enter the amounts before {2} UTC.",
            DepositReminderSubject = "Reminder: enter your deposit amounts",
            DepositReminderText = "Please enter the amounts of the small deposits we sent you in the app before {0} (UTC) to verify your account.",
            VerifiedSubject = "Your account is verified",
            VerifiedText = "The amounts matched: your Onboarding account is verified.",
            CycleFailedSubject = "Verification not completed",
            CycleFailedText = "The amounts you entered did not match. You can start a new verification in the app ({0} left).",
            CycleExpiredSubject = "Verification timed out",
            CycleExpiredText = "The time to enter the amounts has passed. You can start a new verification in the app ({0} left).",
            LockedSubject = "Your verification is locked",
            LockedText = "Too many verification attempts failed, so verification is locked. Our team will review your account; please contact support.",
            UnlockedSubject = "You can verify again",
            UnlockedText = "Your account was unlocked: you can start one more verification in the app.",
            InactivityNoticeSubject = "Your registration will be closed",
            InactivityNoticeText = "Your Onboarding registration has had no activity since {0} (UTC). If nothing happens, it will be closed on {1} (UTC) and the personal details you gave us deleted. To keep it, continue your registration in the app before then (if your verification is locked, contact support).",
            InactiveEndedSubject = "Your registration was closed",
            InactiveEndedText = "Your Onboarding registration had no activity since {0} (UTC) and has been closed; the personal details you gave us have been deleted. You are welcome to start a new registration at any time.",
            AddressRegisteredSubject = "You already have an account",
            AddressRegisteredText = "Hello,\n\nSomeone started an Onboarding registration with this e-mail address and proved a phone number. This address already has an account, so no new registration can use it and no confirmation link is sent.\n\nIf it was you: use your existing account in the app (if you no longer have access to it, contact support). If it was not you, ignore this message: nothing changed in your account.",
            AddressInProgressSubject = "A registration with your e-mail address is in progress",
            AddressInProgressText = "Hello,\n\nSomeone started an Onboarding registration with this e-mail address and proved a phone number. A registration that already confirmed this address is in progress, so the new one cannot use it and no confirmation link is sent.\n\nIf it was not you, ignore this message: nothing changed in your registration.\n\n{0}",
            PageTitle = "Confirm your e-mail address",
            PagePrompt = "Press the button to confirm {0} as the e-mail address of your Onboarding account.",
            PageButton = "Confirm",
            PageConfirmed = "Thank you, your e-mail address is confirmed. Return to the app to continue.",
            PageInvalid = "This link is not valid any more. It may have been used already, or a newer link was sent. Open our latest e-mail, or ask the app for a new link.",
            PagePending = "We received your confirmation and are processing it. Return to the app to continue.",
            PageEmailTaken = "This e-mail address was confirmed first by another registration, so this registration cannot use it. Please register with another address.",
            PageContinueHere = "Continue on this device",
            WayBack = "Continue where you left off, on this device or any other:\n{0}\n(The link works once, within {1}. After that, ask for a new one on the registration page.)",
            WayBackSms = "Continue: {0}",
            SupportLine = "Questions? Contact us: {0}",
            ResumeSubject = "Continue your registration",
            ResumeText = "Hello,\n\nYou asked for a way back into your Onboarding registration. If you did not, ignore this message: nothing changes until the link is used.",
            WrongCode = "The code is not correct.",
            WrongAmounts = "The amounts do not match.",
            CodeExpired = "This code has expired. Ask for a new one.",
        },
        [Languages.SimplifiedChinese] = new LanguagePack
        {
            Minutes = Plural.Same("{0} 分钟"),
            Hours = Plural.Same("{0} 小时"),
            Days = Plural.Same("{0} 天"),
            Deposits = Plural.Same("{0} 笔小额款项"),
            PhoneCodeSms = "【Onboarding】您的验证码为 {0}，{1}内有效。请勿向任何人透露。",
            EmailLinkSubject = "请确认您的电子邮箱地址",
            EmailLinkText = "您好：\n\n请打开以下链接，确认您 Onboarding 账户的电子邮箱地址：\n{0}\n\n该链接仅可使用一次，{1}内有效。如果您没有注册，请忽略此邮件。",
            WelcomeSubject = "您的账户已注册",
            WelcomeText = "您的 Onboarding 账户已注册，但尚未认证（未认证）。请在应用中添加您的银行账户完成认证：我们会向该账户转入一笔或多笔低于 1 元人民币的小额款项，请您在应用中输入收到的金额。",
            ExpiredSubject = "您的注册已过期",
            ExpiredText = "您未能在规定时间内完成 Onboarding 注册，注册已过期。您可以随时使用同一电子邮箱重新注册。",
            CancelledSubject = "您的注册已取消",
            CancelledText = "您的 Onboarding 注册已取消。如果这不是您本人的操作，请联系客服。",
            TerminatedText = "我们的团队已终止您的 Onboarding 注册。原因：{0}。如有疑问，请联系客服。",
            DepositsSentSubject = "请查看您的银行账户",
            DepositsSentText = "我们已向您尾号 {1} 的账户转入 {0}（每笔低于 1 元人民币）。请在 {2}（UTC）之前输入金额，完成账户认证。",
            DepositsSentSms = "【Onboarding】已向您尾号 {1} 的账户转入 {0}，请在 {2}（UTC）前输入金额。",
            DepositReminderSubject = "提醒：请输入小额款项金额",
            DepositReminderText = "请在 {0}（UTC）之前在应用中输入您收到的小额款项金额，完成账户认证。",
            VerifiedSubject = "您的账户已认证",
            VerifiedText = "金额核对一致，您的 Onboarding 账户已完成认证。",
            CycleFailedSubject = "认证未完成",
            CycleFailedText = "您输入的金额不正确。您可以在应用中重新发起认证（剩余 {0} 次）。",
            CycleExpiredSubject = "认证已超时",
            CycleExpiredText = "输入金额的期限已过。您可以在应用中重新发起认证（剩余 {0} 次）。",
            LockedSubject = "您的认证已被锁定",
            LockedText = "多次认证失败，您的账户认证已被锁定，我们的团队将进行审核。请联系客服。",
            UnlockedSubject = "您可以重新认证",
            UnlockedText = "您的账户已解锁，可以在应用中再发起一次认证。",
            InactivityNoticeSubject = "您的注册即将关闭",
            InactivityNoticeText = "您的 Onboarding 注册自 {0}（UTC）起没有任何进展。如果一直没有进展，它将于 {1}（UTC）关闭，您提供给我们的个人信息也将被删除。如需保留，请在此之前在应用中继续完成注册（如果您的认证已被锁定，请联系客服）。",
            InactiveEndedSubject = "您的注册已关闭",
            InactiveEndedText = "您的 Onboarding 注册自 {0}（UTC）起没有任何进展，现已关闭；您提供给我们的个人信息已被删除。您可以随时重新注册。",
            AddressRegisteredSubject = "您已有账户",
            AddressRegisteredText = "您好：\n\n有人使用此电子邮箱地址开始了 Onboarding 注册，并验证了一个手机号码。此地址已有账户，因此新的注册无法使用它，我们也不会发送确认链接。\n\n如果是您本人：请在应用中使用您已有的账户（如果您已无法访问该账户，请联系客服）。如果不是您本人，请忽略此邮件：您的账户没有任何变化。",
            AddressInProgressSubject = "使用您电子邮箱地址的注册正在进行中",
            AddressInProgressText = "您好：\n\n有人使用此电子邮箱地址开始了 Onboarding 注册，并验证了一个手机号码。已有一个确认了此地址的注册正在进行中，因此新的注册无法使用它，我们也不会发送确认链接。\n\n如果不是您本人，请忽略此邮件：您的注册没有任何变化。\n\n{0}",
            PageTitle = "确认电子邮箱地址",
            PagePrompt = "请点击下方按钮，确认 {0} 为您 Onboarding 账户的电子邮箱。",
            PageButton = "确认",
            PageConfirmed = "谢谢！您的电子邮箱地址已确认，请返回应用继续。",
            PageInvalid = "此链接已失效。它可能已被使用，或者我们已发送了新的链接。请打开我们最新的邮件，或在应用中重新获取链接。",
            PagePending = "我们已收到您的确认，正在处理中。请返回应用继续。",
            PageEmailTaken = "此邮箱地址已由另一项注册先行确认，本次注册无法使用。请使用其他邮箱地址注册。",
            PageContinueHere = "在本设备上继续",
            WayBack = "在本设备或其他设备上从上次的步骤继续：\n{0}\n（该链接仅可使用一次，{1}内有效。过期后，请在注册页面重新获取。）",
            WayBackSms = "继续：{0}",
            SupportLine = "如有疑问，请联系我们：{0}",
            ResumeSubject = "继续您的注册",
            ResumeText = "您好：\n\n您申请了返回 Onboarding 注册的链接。如果这不是您本人的操作，请忽略此邮件：在链接被使用之前，什么都不会改变。",
            WrongCode = "验证码不正确。",
            WrongAmounts = "金额不正确。",
            CodeExpired = "验证码已过期，请重新获取。",
        },
        [Languages.Japanese] = new LanguagePack
        {
            Minutes = Plural.Same("{0}分"),
            Hours = Plural.Same("{0}時間"),
            Days = Plural.Same("{0}日"),
            Deposits = Plural.Same("{0} 件の少額入金"),
            PhoneCodeSms = "Onboarding の確認コードは {0} です。有効期限は{1}です。他人に教えないでください。",
            EmailLinkSubject = "メールアドレスの確認",
            EmailLinkText = "こんにちは。\n\n次のリンクを開いて、Onboarding アカウントのメールアドレスを確認してください：\n{0}\n\nこのリンクは1回のみ有効で、有効期限は{1}です。登録した覚えがない場合は、このメールを無視してください。",
            WelcomeSubject = "アカウントが登録されました",
            WelcomeText = "Onboarding アカウントが登録されました（未認証）。認証するには、アプリで銀行口座を追加してください。1人民元未満の少額を入金しますので、その金額をアプリに入力してください。",
            ExpiredSubject = "登録の有効期限が切れました",
            ExpiredText = "Onboarding の登録が期限内に完了しなかったため、無効になりました。同じメールアドレスでいつでも再登録できます。",
            CancelledSubject = "登録がキャンセルされました",
            CancelledText = "Onboarding の登録はキャンセルされました。お心当たりがない場合はサポートにお問い合わせください。",
            TerminatedText = "Onboarding の登録は担当チームにより終了されました。理由：{0}。ご不明な点はサポートにお問い合わせください。",
            DepositsSentSubject = "銀行口座をご確認ください",
            DepositsSentText = "末尾 {1} の口座に {0}（各1人民元未満）を行いました。{2}（UTC）までに金額を入力して、アカウントを認証してください。",
            DepositsSentSms = "Onboarding：末尾 {1} の口座に {0} を行いました。{2}（UTC）までに金額を入力してください。",
            DepositReminderSubject = "リマインダー：入金額を入力してください",
            DepositReminderText = "{0}（UTC）までに、受け取った少額入金の金額をアプリに入力してください。",
            VerifiedSubject = "アカウントが認証されました",
            VerifiedText = "金額が一致しました。Onboarding アカウントの認証が完了しました。",
            CycleFailedSubject = "認証が完了しませんでした",
            CycleFailedText = "入力された金額が一致しませんでした。アプリから再度認証を開始できます（残り {0} 回）。",
            CycleExpiredSubject = "認証の期限が切れました",
            CycleExpiredText = "金額の入力期限が過ぎました。アプリから再度認証を開始できます（残り {0} 回）。",
            LockedSubject = "認証がロックされました",
            LockedText = "認証に複数回失敗したため、ロックされました。担当チームが確認します。サポートにお問い合わせください。",
            UnlockedSubject = "再度認証できます",
            UnlockedText = "ロックが解除されました。アプリからもう一度認証を開始できます。",
            InactivityNoticeSubject = "登録はまもなく終了します",
            InactivityNoticeText = "Onboarding の登録は {0}（UTC）以降進んでいません。このままの場合、{1}（UTC）に登録を終了し、ご提供いただいた個人情報を削除します。継続するには、それまでにアプリで登録を進めてください（認証がロックされている場合はサポートにお問い合わせください）。",
            InactiveEndedSubject = "登録を終了しました",
            InactiveEndedText = "Onboarding の登録は {0}（UTC）以降進んでいなかったため終了しました。ご提供いただいた個人情報は削除されました。いつでも新たに登録できます。",
            AddressRegisteredSubject = "アカウントはすでにあります",
            AddressRegisteredText = "こんにちは。\n\nこのメールアドレスで Onboarding の登録が開始され、電話番号が確認されました。このアドレスにはすでにアカウントがあるため、新しい登録には使えず、確認リンクはお送りしません。\n\nご本人の場合：アプリで既存のアカウントをご利用ください（アクセスできない場合はサポートにお問い合わせください）。お心当たりがない場合は、このメールを無視してください。アカウントには何も変更されていません。",
            AddressInProgressSubject = "このメールアドレスでの登録が進行中です",
            AddressInProgressText = "こんにちは。\n\nこのメールアドレスで Onboarding の登録が開始され、電話番号が確認されました。このアドレスを確認済みの登録がすでに進行中のため、新しい登録には使えず、確認リンクはお送りしません。\n\nお心当たりがない場合は、このメールを無視してください。登録には何も変更されていません。\n\n{0}",
            PageTitle = "メールアドレスの確認",
            PagePrompt = "下のボタンを押して、{0} を Onboarding アカウントのメールアドレスとして確認してください。",
            PageButton = "確認する",
            PageConfirmed = "ありがとうございます。メールアドレスが確認されました。アプリに戻って続けてください。",
            PageInvalid = "このリンクは無効です。すでに使用されたか、新しいリンクが送信されています。最新のメールを開くか、アプリから新しいリンクを取得してください。",
            PagePending = "確認を受け付け、処理しています。アプリに戻って続けてください。",
            PageEmailTaken = "このメールアドレスは別の登録で先に確認されたため、この登録では使えません。別のアドレスで登録してください。",
            PageContinueHere = "この端末で続ける",
            WayBack = "この端末または別の端末で、中断したところから続けられます：\n{0}\n（このリンクは1回のみ、{1}以内有効です。期限が過ぎたら、登録ページから新しいリンクを取得してください。）",
            WayBackSms = "続ける：{0}",
            SupportLine = "ご不明な点はこちらまで：{0}",
            ResumeSubject = "登録を続ける",
            ResumeText = "こんにちは。\n\nOnboarding の登録に戻るためのリンクのご依頼を受け付けました。お心当たりがない場合は、このメールを無視してください。リンクが使われない限り、何も変わりません。",
            WrongCode = "コードが正しくありません。",
            WrongAmounts = "金額が一致しません。",
            CodeExpired = "このコードは期限切れです。新しいコードを送ってください。",
        },
        [Languages.Korean] = new LanguagePack
        {
            Minutes = Plural.Same("{0}분"),
            Hours = Plural.Same("{0}시간"),
            Days = Plural.Same("{0}일"),
            Deposits = Plural.Same("소액 {0}건"),
            PhoneCodeSms = "Onboarding 인증 코드는 {0}입니다. {1} 후 만료됩니다. 누구에게도 알려 주지 마세요.",
            EmailLinkSubject = "이메일 주소를 확인해 주세요",
            EmailLinkText = "안녕하세요.\n\n다음 링크를 열어 Onboarding 계정의 이메일 주소를 확인해 주세요:\n{0}\n\n이 링크는 한 번만 사용할 수 있으며 {1} 후 만료됩니다. 가입한 적이 없다면 이 메일을 무시하세요.",
            WelcomeSubject = "계정이 등록되었습니다",
            WelcomeText = "Onboarding 계정이 등록되었습니다(미인증). 인증하려면 앱에서 은행 계좌를 추가하세요. 1위안 미만의 소액을 입금해 드리면 그 금액을 앱에 입력하시면 됩니다.",
            ExpiredSubject = "등록이 만료되었습니다",
            ExpiredText = "Onboarding 등록이 기한 내에 완료되지 않아 만료되었습니다. 같은 이메일 주소로 언제든지 다시 시작할 수 있습니다.",
            CancelledSubject = "등록이 취소되었습니다",
            CancelledText = "Onboarding 등록이 취소되었습니다. 본인이 요청하지 않았다면 고객 지원에 문의해 주세요.",
            TerminatedText = "담당 팀이 Onboarding 등록을 종료했습니다. 사유: {0}. 문의 사항이 있으면 고객 지원에 연락해 주세요.",
            DepositsSentSubject = "은행 계좌를 확인해 주세요",
            DepositsSentText = "끝자리 {1} 계좌로 {0}(각 1위안 미만)을 입금했습니다. {2}(UTC)까지 금액을 입력하여 계정을 인증하세요.",
            DepositsSentSms = "Onboarding: 끝자리 {1} 계좌로 {0}을 입금했습니다. {2}(UTC)까지 금액을 입력하세요.",
            DepositReminderSubject = "알림: 입금 금액을 입력해 주세요",
            DepositReminderText = "{0}(UTC)까지 받은 소액 입금 금액을 앱에 입력해 주세요.",
            VerifiedSubject = "계정이 인증되었습니다",
            VerifiedText = "금액이 일치합니다. Onboarding 계정 인증이 완료되었습니다.",
            CycleFailedSubject = "인증이 완료되지 않았습니다",
            CycleFailedText = "입력한 금액이 일치하지 않습니다. 앱에서 인증을 다시 시작할 수 있습니다(남은 횟수 {0}회).",
            CycleExpiredSubject = "인증 기한이 지났습니다",
            CycleExpiredText = "금액 입력 기한이 지났습니다. 앱에서 인증을 다시 시작할 수 있습니다(남은 횟수 {0}회).",
            LockedSubject = "인증이 잠겼습니다",
            LockedText = "인증에 여러 번 실패하여 잠겼습니다. 담당 팀이 검토할 예정입니다. 고객 지원에 문의해 주세요.",
            UnlockedSubject = "다시 인증할 수 있습니다",
            UnlockedText = "계정 잠금이 해제되었습니다. 앱에서 인증을 한 번 더 시작할 수 있습니다.",
            InactivityNoticeSubject = "등록이 곧 종료됩니다",
            InactivityNoticeText = "Onboarding 등록이 {0}(UTC) 이후 진행되지 않았습니다. 계속 진행되지 않으면 {1}(UTC)에 등록이 종료되고 제공하신 개인 정보가 삭제됩니다. 유지하려면 그 전에 앱에서 등록을 계속 진행하세요(인증이 잠겨 있다면 고객 지원에 문의하세요).",
            InactiveEndedSubject = "등록이 종료되었습니다",
            InactiveEndedText = "Onboarding 등록이 {0}(UTC) 이후 진행되지 않아 종료되었으며, 제공하신 개인 정보는 삭제되었습니다. 언제든지 새로 등록하실 수 있습니다.",
            AddressRegisteredSubject = "이미 계정이 있습니다",
            AddressRegisteredText = "안녕하세요.\n\n누군가 이 이메일 주소로 Onboarding 등록을 시작하고 전화번호를 인증했습니다. 이 주소에는 이미 계정이 있으므로 새 등록에는 사용할 수 없으며 확인 링크는 보내지 않습니다.\n\n본인이시라면 앱에서 기존 계정을 이용해 주세요(계정에 접근할 수 없으면 고객 지원에 문의해 주세요). 본인이 아니시라면 이 메일을 무시하셔도 됩니다. 계정에는 아무것도 바뀌지 않았습니다.",
            AddressInProgressSubject = "이 이메일 주소로 진행 중인 등록이 있습니다",
            AddressInProgressText = "안녕하세요.\n\n누군가 이 이메일 주소로 Onboarding 등록을 시작하고 전화번호를 인증했습니다. 이 주소를 이미 확인한 등록이 진행 중이므로 새 등록에는 사용할 수 없으며 확인 링크는 보내지 않습니다.\n\n본인이 아니시라면 이 메일을 무시하셔도 됩니다. 등록에는 아무것도 바뀌지 않았습니다.\n\n{0}",
            PageTitle = "이메일 주소 확인",
            PagePrompt = "아래 버튼을 눌러 {0}을(를) Onboarding 계정의 이메일 주소로 확인해 주세요.",
            PageButton = "확인",
            PageConfirmed = "감사합니다. 이메일 주소가 확인되었습니다. 앱으로 돌아가 계속 진행하세요.",
            PageInvalid = "이 링크는 더 이상 유효하지 않습니다. 이미 사용되었거나 새 링크가 발송되었습니다. 가장 최근 메일을 열거나 앱에서 새 링크를 요청하세요.",
            PagePending = "확인 요청을 받아 처리 중입니다. 앱으로 돌아가 계속 진행하세요.",
            PageEmailTaken = "이 이메일 주소는 다른 가입에서 먼저 확인되어 이번 가입에는 사용할 수 없습니다. 다른 주소로 가입하세요.",
            PageContinueHere = "이 기기에서 계속하기",
            WayBack = "이 기기나 다른 기기에서 멈춘 곳부터 계속하세요:\n{0}\n(이 링크는 한 번만, {1} 안에 사용할 수 있습니다. 그 후에는 등록 페이지에서 새 링크를 요청하세요.)",
            WayBackSms = "계속하기: {0}",
            SupportLine = "문의: {0}",
            ResumeSubject = "등록 계속하기",
            ResumeText = "안녕하세요.\n\nOnboarding 등록으로 돌아가는 링크를 요청하셨습니다. 요청하지 않으셨다면 이 메일을 무시하세요. 링크를 사용하기 전에는 아무것도 바뀌지 않습니다.",
            WrongCode = "코드가 올바르지 않습니다.",
            WrongAmounts = "금액이 일치하지 않습니다.",
            CodeExpired = "코드가 만료되었습니다. 새 코드를 받으세요.",
        },
    };

    /// <summary>The pack for a journey's language; English for anything unknown.</summary>
    public static LanguagePack For(string? language) =>
        language is not null && Packs.TryGetValue(language, out LanguagePack? pack) ? pack : Packs[Languages.English];

    public static string Format(string template, params object[] values) =>
        string.Format(CultureInfo.InvariantCulture, template, values);

    /// <summary>"10 minutes", "1 day" → localized, in the largest whole unit.</summary>
    public static string Duration(LanguagePack pack, TimeSpan span)
    {
        if (span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return Count(pack.Days, (int)span.TotalDays);
        }

        if (span.TotalHours >= 1 && span.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return Count(pack.Hours, (int)span.TotalHours);
        }

        return Count(pack.Minutes, Math.Max(1, (int)Math.Ceiling(span.TotalMinutes)));
    }

    /// <summary>A count in the form its number takes: "1 day", "2 days".</summary>
    public static string Count(Plural text, int count) => Format(text.For(count), count);

    /// <summary>A UTC time as users read it in messages: "2026-11-27 10:00".</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The human message for a <c>lastError</c> code.</summary>
    public static string? ErrorMessage(string? code, string? language)
    {
        LanguagePack pack = For(language);
        return code switch
        {
            JourneyErrorCodes.WrongCode => pack.WrongCode,
            JourneyErrorCodes.WrongAmounts => pack.WrongAmounts,
            JourneyErrorCodes.CodeExpired => pack.CodeExpired,
            _ => null,
        };
    }
}

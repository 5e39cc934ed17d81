namespace Onboarding.Domain.Registration;

/// <summary>
/// Domains whose addresses belong to a mail service with millions of users (and the reserved example
/// domains of RFC 2606): shown as they are in a masked address, as they tell nothing about whose it
/// is. Any other domain — a person's own, an employer's — can point at a person, and is masked.
/// </summary>
public static class PublicMailDomains
{
    static readonly HashSet<string> Domains = new(
        """
        gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com ymail.com yahoo.co.jp yahoo.co.uk
        icloud.com me.com mac.com aol.com proton.me protonmail.com pm.me gmx.com gmx.de gmx.net web.de mail.com
        mail.ru yandex.ru yandex.com zoho.com qq.com foxmail.com 163.com 126.com yeah.net sina.com sina.cn sohu.com
        aliyun.com 139.com 189.cn naver.com daum.net hanmail.net kakao.com nate.com docomo.ne.jp ezweb.ne.jp
        softbank.ne.jp i.softbank.jp example.com example.org example.net
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.OrdinalIgnoreCase);

    public static bool Contains(string domain) => Domains.Contains(domain);
}

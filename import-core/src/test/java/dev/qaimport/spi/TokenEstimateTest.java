package dev.qaimport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TokenEstimateTest {

    // Reference counts from OpenAI's cl100k_base tokenizer (text-embedding-3-*), measured once
    // with tiktoken; the estimate must not fall below them nor be wildly pessimistic.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            english    | 17 | How do I reset my password? Open the account settings and click "Forgot password".
            chinese    | 32 | 如何重置密码？请打开账户设置，点击“忘记密码”，然后按照邮件中的说明操作。
            korean     | 48 | 비밀번호를 재설정하려면 어떻게 해야 하나요? 계정 설정을 열고 비밀번호 찾기를 누르세요.
            japanese   | 35 | パスワードをリセットするにはどうすればよいですか？アカウント設定を開いてください。
            russian    | 38 | Как сбросить пароль? Откройте настройки учётной записи и нажмите «Забыли пароль».
            greek      | 80 | Πώς μπορώ να επαναφέρω τον κωδικό πρόσβασής μου; Ανοίξτε τις ρυθμίσεις του λογαριασμού.
            turkish    | 44 | Şifremi nasıl sıfırlarım? Hesap ayarlarını açın ve “Şifremi unuttum” düğmesine tıklayın.
            vietnamese | 36 | Học phí tiếng Anh ở Greenwich là bao nhiêu? Khoảng 22.000.000 VND mỗi level.
            emoji      | 20 | Great job! 🎉🎉 Thanks 🙏 for the help 😀👍
            """)
    void neverBelowTheRealTokenCountOfNaturalText(String language, int cl100kTokens, String text) {
        int estimate = TokenEstimate.estimate(text);

        assertThat(estimate).as(language).isGreaterThanOrEqualTo(cl100kTokens).isLessThanOrEqualTo(cl100kTokens * 2);
    }

    @Test
    void emptyAndNullCostNothingAndAnyTextAtLeastOne() {
        assertThat(TokenEstimate.estimate(null)).isZero();
        assertThat(TokenEstimate.estimate("")).isZero();
        assertThat(TokenEstimate.estimate(" ")).isEqualTo(1);
        assertThat(TokenEstimate.estimate("a")).isEqualTo(1);
    }

    @Test
    void identifiersAndHashesCostMoreThanWords() {
        String words = "the quick brown fox jumps over the lazy dog again";
        String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd";

        assertThat(hash).hasSameSizeAs(words);
        assertThat(TokenEstimate.estimate(hash)).isGreaterThan(2 * TokenEstimate.estimate(words) - 1);
    }

    @Test
    void charactersOutsideTheBasicPlaneCostTheirUtf8Length() {
        assertThat(TokenEstimate.estimate("😀😀😀")).isEqualTo(12);
    }

    @Test
    void growsWithTheText() {
        String base = "Wie setze ich mein Passwort zurück? ";
        assertThat(TokenEstimate.estimate(base.repeat(10))).isGreaterThan(9 * TokenEstimate.estimate(base));
    }
}

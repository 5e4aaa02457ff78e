package com.astro.chat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContactMaskingTest {

    private final ContactMasking masking = new ContactMasking(List.of("paytm", "Google Pay"));

    @ParameterizedTest
    @ValueSource(strings = { "asha.rao+astro@gmail.com", "ASHA_RAO@mail.co.in", "asha at gmail dot com", "asha [at] gmail [dot] com",
            "asha(at)yahoo(dot)co(dot)in", "asha @ gmail.com" })
    void eMailAddressesAreMasked(String address) {
        assertThat(masking.mask("write to " + address + " tonight")).isEqualTo("write to *** tonight");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://asha-astro.com/book?slot=1", "http://bit.ly/x1", "www.asha-astro.in", "asha-astro.com",
            "asha-astro.com/contact", "ashaastro dot com", "asha-astro (dot) in" })
    void linksAndDomainsAreMasked(String link) {
        assertThat(masking.mask("see " + link + " now")).doesNotContainIgnoringCase("asha").doesNotContain("bit.ly").contains("***");
    }

    @ParameterizedTest
    @ValueSource(strings = { "+91 98765 43210", "+919876543210", "098765-43210", "(415) 555-0134", "+1 415.555.0134",
            "+44 20 7946 0958", "9876543210", "98 76 54 32 10" })
    void phoneNumbersInInternationalAndLocalFormatsAreMasked(String phone) {
        assertThat(masking.mask("call me on " + phone + " please")).isEqualTo("call me on *** please");
    }

    @ParameterizedTest
    @ValueSource(strings = { "nine eight seven six five four three two one zero", "Nine Eight 7 6 5 four three 2 one 0",
            "nine-eight-seven-six-five-four-three", "oh nine eight, seven six five, four three" })
    void phoneNumbersSpelledOutAreMasked(String spelled) {
        assertThat(masking.mask("my number " + spelled)).isEqualTo("my number ***");
    }

    @ParameterizedTest
    @ValueSource(strings = { "insta: asha.astro", "instagram @asha_rao", "telegram - asharao", "WhatsApp asharao99",
            "@asha_rao", "fb id asha.rao" })
    void socialHandlesAreMasked(String handle) {
        assertThat(masking.mask("find me " + handle)).isEqualTo("find me ***");
    }

    @Test
    void blockedWordsAreMaskedAsWholeWordsWhateverTheirCase() {
        assertThat(masking.mask("pay by PAYTM or google pay, not paytmx")).isEqualTo("pay by *** or ***, not paytmx");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Your Saturn is in the 7th house; meet me at home. See you at 10:30 on 12/05/2025.",
            "I was born in 1990 and moved in 2004.", "One or two things: the moon is in Pisces.",
            "That costs 1,500 coins, about 20 minutes.", "Thank you so much! Will come back next week.",
            "Whatsapp me? No, let us talk here.", "Good question. In my view the signs point to yes." })
    void ordinaryConsultationTextIsLeftAlone(String text) {
        assertThat(masking.mask(text)).isEqualTo(text);
    }

    @Test
    void withoutBlockedWordsOnlyContactDetailsAreMasked() {
        assertThat(new ContactMasking(List.of(" ", "")).mask("paytm me at +91 98765 43210")).isEqualTo("paytm me at ***");
    }
}

package com.astro.chat.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks contact details in chat text before it is stored and delivered: marketplaces forbid taking
 * a client off the platform, and a phone number or a handle is how that starts. What is masked:
 * e-mail addresses (also written "name at domain dot com"), links and bare domains (also "site dot
 * com"), phone numbers (seven or more digits with the usual separators, international prefixes, digits
 * spelled out in English words), social handles ({@code @name}, or a handle right after the name of a
 * messenger), and the configured blocked words. Each match becomes {@value #MASK}.
 */
public final class ContactMasking {

    static final String MASK = "***";

    private static final String DIGIT_WORDS = "zero|oh|one|two|three|four|five|six|seven|eight|nine";

    private static final String TLDS = "com|net|org|in|io|co|me|info|biz|app|ly|uk|us|ca|au|de|fr|xyz|online|site|link|gg|tv";

    private static final String WORD = "[\\p{L}\\p{N}-]+";

    /** "@", "[at]", "(at)" or " at " between the parts of an address. */
    private static final String AT = "(?:\\s*@\\s*|\\s*[\\[(]\\s*at\\s*[\\])]\\s*|\\s+at\\s+)";

    /** ".", "[dot]", "(dot)" or " dot ": a plain dot only without spaces, or every sentence would be a domain. */
    private static final String DOT = "(?:\\.|\\s*[\\[(]\\s*dot\\s*[\\])]\\s*|\\s+dot\\s+)";

    private static final List<Pattern> CONTACT_PATTERNS = List.of(
            // e-mail
            Pattern.compile("[\\p{L}\\p{N}._%+-]+@" + WORD + "(?:\\." + WORD + ")+"),
            // e-mail written out: "asha at gmail dot com", "asha [at] gmail (dot) com"
            Pattern.compile("[\\p{L}\\p{N}._%+-]+" + AT + WORD + "(?:" + DOT + WORD + ")*" + DOT + "(?:" + TLDS + ")\\b",
                    Pattern.CASE_INSENSITIVE),
            // links
            Pattern.compile("\\b(?:https?://|www\\.)\\S+", Pattern.CASE_INSENSITIVE),
            // bare domains, also written out: "asha-astro.com/book", "asha astro dot in"
            Pattern.compile("\\b" + WORD + "(?:" + DOT + WORD + ")*" + DOT + "(?:" + TLDS + ")\\b(?:/\\S*)?",
                    Pattern.CASE_INSENSITIVE),
            // phone numbers: 7+ digits, an optional +country code, spaces, dashes, dots or brackets between them
            Pattern.compile("\\+?\\(?\\d(?:[\\s().-]{0,3}\\d){6,}"),
            // digits spelled out, alone or mixed with numerals: "nine eight seven 6 5 4 three two one zero"
            Pattern.compile("\\b(?:(?:" + DIGIT_WORDS + "|\\d+)\\b[\\s,.-]*){7,}", Pattern.CASE_INSENSITIVE),
            // a handle after the name of a messenger: "insta: asha.astro", "telegram @asha_rao", "whatsapp - asharao"
            Pattern.compile("\\b(?:instagram|insta|telegram|tg|whatsapp|snapchat|facebook|fb|twitter|tiktok|skype)"
                    + "\\s*(?:id|handle|account)?\\s*[:=-]?\\s*@?[\\p{L}\\p{N}_.]{3,}", Pattern.CASE_INSENSITIVE),
            // @handles
            Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.]{2,}"));

    private final List<Pattern> patterns;

    /** @param blockedWords words masked wherever they stand as whole words, case-insensitive (the configured list) */
    ContactMasking(List<String> blockedWords) {
        List<Pattern> all = new ArrayList<>(CONTACT_PATTERNS);
        List<String> words = blockedWords.stream().map(String::trim).filter(word -> !word.isEmpty())
                .map(word -> Pattern.quote(word.toLowerCase(Locale.ROOT))).toList();
        if (!words.isEmpty()) {
            all.add(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", words) + ")(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        this.patterns = List.copyOf(all);
    }

    /** The text with every contact detail and blocked word replaced by {@value #MASK}; the same text when there is none. */
    public String mask(String text) {
        String masked = text;
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(masked);
            if (matcher.find()) {
                masked = matcher.replaceAll(MASK);
            }
        }
        return masked;
    }
}

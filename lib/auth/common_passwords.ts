// Passwords of 12 or more characters that attackers try first, compared case-insensitively
// after NFC normalization. docs/security.md asks for a short embedded list: a breach corpus would
// catch more, but the length floor of 12 already removes nearly all of the top of every list.
//
// LEAKED: the 12+ character entries of the Probable-Wordlists "top 12000" ranking (built from
// many public breaches, as published in SecLists). KNOWN: long entries of breach lists and
// cracking rule sets (keyboard walks, repeats, phrases, "password" variants). PATTERNS: the
// same shapes spelled out: digit runs, keyboard rows, common words with years and digit tails.

const LEAKED = `
  1q2w3e4r5t6y 1qaz2wsx3edc qwerty123456 123qweasdzxc peanutbutter skateboarding counterstrike
  entertainment communication international michelangelo jamesbond007 independence
  123456123456 123456654321 123456789abc password1234 qwertyqwerty q1w2e3r4t5y6 blahblahblah
  nightcrawler dragonslayer administrator sanfrancisco heartbreaker leavemealone confidential
  philadelphia butterscotch finalfantasy professional construction supernatural transformers
  motherfucker cheeseburger satisfaction resurrection playstation2 architecture 123456qwerty
  chesterfield stratocaster
`;

const KNOWN = `
  manchesterunited correcthorsebatterystaple thequickbrownfox
  thequickbrownfoxjumpsoverthelazydog iloveyouforever iloveyousomuch iloveyoubaby
  ilovemyfamily ilovemyboyfriend ilovemygirlfriend ilovejesuschrist lovelovelove hahahahahaha
  asdfasdfasdf qwerqwerqwer testtesttest passwordpassword abcabcabcabc abc123abc123
  123abc123abc qweqweqweqwe asdasdasdasd zxczxczxczxc 123123123123 121212121212 112233445566
  123412341234 696969696969 123321123321 147258369147 159753159753 987654321987 789456123789
  741852963741 qazwsxedcrfv qazwsxedcrfvtgb qazwsxedcrfvtgbyhn 1qaz2wsx3edc4rfv
  1qaz2wsx3edc4rfv5tgb zaq12wsxcde3 zaq1xsw2cde3 zaq12wsxcde34rfv 1qazxsw23edc !qaz@wsx#edc
  !qaz2wsx#edc 1qaz@wsx3edc 1q2w3e4r5t6y7u 1q2w3e4r5t6y7u8i 1q2w3e4r5t6y7u8i9o0p
  q1w2e3r4t5y6u7 q1w2e3r4t5y6u7i8o9p0 1234qwerasdfzxcv qwerasdfzxcv 1234qwerasdf qwer1234asdf
  asdfghjkl123 asdfghjkl1234 zxcvbnm12345 zxcvbnm123456 zxcvbnmasdfghjkl qwertyuiop12
  qwertyuiop123 qwertyuiop1234 qwertyuiop[] 1234567890qwerty 1234567890qwertyuiop azertyuiopqs
  azertyuiop123 qwertzuiopas qwerty1234567 qwerty12345678 qwerty123456789 qwerty1234567890
  !@#$%^&*()_+ 1!2@3#4$5%6^ 1234!@#$qwer !@#$%^123456 123456!@#$%^ abcdefghijkl abcdefghijklm
  abcdefghijklmn abcdefghijklmnop abcdefghijklmnopqrstuvwxyz abcdefgh1234 abcd12345678
  abc123456789 a1b2c3d4e5f6 a1b2c3d4e5f6g7h8 1a2b3c4d5e6f abcdef123456 123456abcdef
  1234567890abc 123456789qwe 1234567890-= p@ssw0rd1234 p@ssword1234 passw0rd1234 passw0rd123!
  p@ssw0rd123! password123! password1234! password12345! password!123 passwordpassword1
  password1234567890 mypassword123 mypassword1234 thisismypassword thisisapassword
  thisismypass newpassword123 newpassword1234 changeme1234 changeme123! changemenow123
  letmein12345 letmein123456 letmeinplease secretpassword supersecret123 supersecretpassword
  topsecret123 adminpassword administrator1 administrator123 admin1234567 admin123456789
  adminadmin123 rootpassword welcome12345 welcome123456 welcome1234! iloveyou1234
  iloveyou12345 iloveyou123456 football1234 baseball1234 basketball12 basketball123
  superman1234 batman123456 princess1234 sunshine1234 starwars1234 whatever1234
  trustno1trustno1 monkey123456 dragon123456 shadow123456 master123456 michael12345
  charlie12345 freedom12345 jennifer1234 computer1234 internet1234 liverpool123 chelsea12345
  arsenal12345 samsung12345 babygirl1234 mercedes1234 midnight1234 1234567890123
  12345678901234 123456789012345 1234567890123456 012345678901 0123456789012 987654321098
  9876543210987 098765432112 111111111111 000000000000 222222222222 333333333333 444444444444
  555555555555 666666666666 777777777777 888888888888 999999999999 aaaaaaaaaaaa qqqqqqqqqqqq
  xxxxxxxxxxxx zzzzzzzzzzzz 1111111111111 11111111111111 0000000000000 1234512345123
  123456781234 123456123456789 iloveyou2020 iloveyou2021 iloveyou2022 iloveyou2023
  iloveyou2024 iloveyou2025 iloveyou2026
`;

const PATTERNS = `
  123456789012 12345678901234567 123456789012345678 1234567890123456789 12345678901234567890
  qwertyuiopas qwertyuiopasd qwertyuiopasdf qwertyuiopasdfg qwertyuiopasdfgh qwertyuiopasdfghj
  qwertyuiopasdfghjk qwertyuiopasdfghjkl qwertyuiopasdfghjklz qwertyuiopasdfghjklzx
  qwertyuiopasdfghjklzxc qwertyuiopasdfghjklzxcv qwertyuiopasdfghjklzxcvb
  qwertyuiopasdfghjklzxcvbn qwertyuiopasdfghjklzxcvbnm password2018 password2019 password2020
  password2021 password2022 password2023 password2024 password2025 password2026 passw0rd2018
  passw0rd2019 passw0rd2020 passw0rd2021 passw0rd2022 passw0rd2023 passw0rd2024 passw0rd2025
  passw0rd2026 p@ssw0rd2018 p@ssw0rd2019 p@ssw0rd2020 p@ssw0rd2021 p@ssw0rd2022 p@ssw0rd2023
  p@ssw0rd2024 p@ssw0rd2025 p@ssw0rd2026 football2018 football2019 football2020 football2021
  football2022 football2023 football2024 football2025 football2026 sunshine2018 sunshine2019
  sunshine2020 sunshine2021 sunshine2022 sunshine2023 sunshine2024 sunshine2025 sunshine2026
  princess2018 princess2019 princess2020 princess2021 princess2022 princess2023 princess2024
  princess2025 princess2026 iloveyou2018 iloveyou2019 password2018! password2019!
  password2020! password2021! password2022! password2023! password2024! password2025!
  password2026! password12345 password123456 password4321 password!@#$ iloveyou4321
  iloveyou!@#$ sunshine12345 sunshine123456 sunshine4321 sunshine!@#$ princess12345
  princess123456 princess4321 princess!@#$ football12345 football123456 football4321
  football!@#$ baseball12345 baseball123456 baseball4321 baseball!@#$ superman12345
  superman123456 superman4321 superman!@#$ starwars12345 starwars123456 starwars4321
  starwars!@#$ whatever12345 whatever123456 whatever4321 whatever!@#$ michelle1234
  michelle12345 michelle123456 michelle4321 michelle!@#$ jennifer12345 jennifer123456
  jennifer4321 jennifer!@#$ computer12345 computer123456 computer4321 computer!@#$
  internet12345 internet123456 internet4321 internet!@#$ midnight12345 midnight123456
  midnight4321 midnight!@#$ passw0rd12345 passw0rd123456 passw0rd4321 passw0rd!@#$
  mercedes12345 mercedes123456 mercedes4321 mercedes!@#$
`;

/** The embedded list, lowercased. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [LEAKED, KNOWN, PATTERNS].flatMap((block) => block.trim().split(/\s+/)),
);

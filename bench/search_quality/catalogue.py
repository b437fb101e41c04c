"""The judged test set's catalogue: 30 topics a learning city offers, each written the ways
providers write them (several titles and descriptions, in Arabic with an English title),
repeated across places and audiences — 330 opportunities. Written from what providers in
the region publish, not from the search code."""

from __future__ import annotations

# topic: (Arabic titles, English titles, Arabic descriptions)
# fmt: off
TOPICS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "first_aid": (
        ["الإسعافات الأولية", "أساسيات الإسعاف الأولي والإنعاش القلبي", "إسعاف المصابين في المنزل", "السلامة والإسعافات الأولية"],
        ["First aid", "Basic first aid and CPR", "First aid at home", "Safety and first aid"],
        ["يتعلم المشاركون التعامل مع الجروح والحروق والكسور حتى وصول الإسعاف.", "تدريب عملي على الإنعاش القلبي الرئوي وإيقاف النزيف.", "مهارات إنقاذ الحياة في الحوادث المنزلية والمدرسية."],
    ),
    "english": (
        ["اللغة الإنجليزية للمبتدئين", "المحادثة باللغة الإنجليزية", "الإنجليزية في بيئة العمل", "قواعد اللغة الإنجليزية"],
        ["English for beginners", "English conversation", "Workplace English", "English grammar"],
        ["تنمية مهارات الاستماع والتحدث والكتابة بالإنجليزية.", "مفردات وعبارات يومية للتواصل بثقة.", "تحضير للمقابلات والمراسلات المهنية بالإنجليزية."],
    ),
    "computer_basics": (
        ["مهارات الحاسب الآلي", "أساسيات استخدام الحاسوب", "الحاسب الآلي لكبار السن", "الرخصة الدولية لقيادة الحاسب"],
        ["Computer skills", "Computer basics", "Computers for seniors", "International computer driving licence"],
        ["التعرف على نظام التشغيل وإدارة الملفات واستخدام الإنترنت.", "تشغيل الجهاز والبريد الإلكتروني والطباعة.", "تطبيقات مكتبية أساسية وتصفح آمن."],
    ),
    "python": (
        ["البرمجة بلغة بايثون", "مقدمة في البرمجة", "تطوير التطبيقات ببايثون", "البرمجة للناشئة"],
        ["Python programming", "Introduction to programming", "Building apps with Python", "Coding for young people"],
        ["كتابة البرامج الأولى والمتغيرات والحلقات والدوال.", "حل المشكلات بالخوارزميات وبناء مشروع صغير.", "أساسيات تطوير البرمجيات ومكتباتها."],
    ),
    "ai": (
        ["الذكاء الاصطناعي للجميع", "مدخل إلى تعلم الآلة", "تطبيقات الذكاء الاصطناعي التوليدي", "الذكاء الاصطناعي في التعليم"],
        ["Artificial intelligence for everyone", "Introduction to machine learning", "Generative AI tools", "AI in education"],
        ["ما الذكاء الاصطناعي وكيف يغير العمل والحياة.", "نماذج تتعلم من البيانات وأمثلة عملية.", "استخدام أدوات المحادثة وتوليد الصور بمسؤولية."],
    ),
    "excel": (
        ["برنامج إكسل من الصفر", "جداول البيانات والمعادلات", "تحليل البيانات بإكسل", "إكسل المتقدم للموظفين"],
        ["Excel from scratch", "Spreadsheets and formulas", "Data analysis in Excel", "Advanced Excel"],
        ["إنشاء الجداول والمعادلات والرسوم البيانية.", "الجداول المحورية والدوال الشرطية.", "تنظيم البيانات وإعداد التقارير."],
    ),
    "photography": (
        ["التصوير الفوتوغرافي", "أساسيات التصوير بالجوال", "فن التصوير الضوئي", "تصوير الطبيعة والمعالم"],
        ["Photography", "Mobile photography", "The art of photography", "Landscape photography"],
        ["الإضاءة والتكوين وضبط الكاميرا.", "التقاط صور احترافية بالهاتف وتحريرها.", "جولة ميدانية لتصوير المعالم التاريخية."],
    ),
    "quran": (
        ["حلقة تحفيظ القرآن الكريم", "تجويد القرآن الكريم", "حفظ جزء عم", "مراجعة الحفظ والتلاوة"],
        ["Quran memorisation circle", "Quran recitation (tajweed)", "Memorising Juz Amma", "Recitation review"],
        ["حفظ وتلاوة بأحكام التجويد مع معلمين مجازين.", "مخارج الحروف وأحكام النون الساكنة والمدود.", "برنامج حفظ ومراجعة أسبوعي."],
    ),
    "calligraphy": (
        ["الخط العربي", "خط الرقعة للمبتدئين", "خط النسخ والثلث", "جماليات الخط العربي"],
        ["Arabic calligraphy", "Ruq'ah script for beginners", "Naskh and Thuluth scripts", "The beauty of Arabic calligraphy"],
        ["أدوات الخطاط وقواعد رسم الحروف.", "تمارين على الحروف والكلمات بالقلم والحبر.", "تاريخ الخطوط العربية وأنواعها."],
    ),
    "sewing": (
        ["الخياطة والتفصيل", "أساسيات الخياطة بالماكينة", "تفصيل العبايات", "التطريز اليدوي"],
        ["Sewing and tailoring", "Machine sewing basics", "Abaya tailoring", "Hand embroidery"],
        ["أخذ المقاسات والقص والخياطة.", "استخدام ماكينة الخياطة وإصلاح الملابس.", "مشروع منزلي مربح من الخياطة."],
    ),
    "cooking": (
        ["فنون الطهي", "الطبخ الصحي للأسرة", "المطبخ الحجازي", "صناعة الحلويات والمخبوزات"],
        ["Culinary arts", "Healthy family cooking", "Hijazi cuisine", "Desserts and baking"],
        ["وصفات وأساليب طهي وسلامة الغذاء.", "أطباق تقليدية من المنطقة بخطوات سهلة.", "تحضير الخبز والحلويات للمشاريع المنزلية."],
    ),
    "palm": (
        ["زراعة النخيل", "العناية بالنخلة وإنتاج التمور", "الزراعة المنزلية", "مكافحة آفات النخيل"],
        ["Date palm farming", "Palm care and date production", "Home gardening", "Palm pest control"],
        ["الري والتسميد والتلقيح وجني التمور.", "زراعة الخضار والنباتات في المنزل.", "سوسة النخيل الحمراء وطرق الوقاية."],
    ),
    "entrepreneurship": (
        ["ريادة الأعمال", "كيف تبدأ مشروعك الصغير", "خطة العمل للمشاريع الناشئة", "ريادة الأعمال للشباب"],
        ["Entrepreneurship", "Starting your small business", "Business plans for startups", "Youth entrepreneurship"],
        ["من الفكرة إلى المشروع: دراسة الجدوى والتمويل.", "إعداد نموذج العمل والتسعير.", "تجارب رواد أعمال من المنطقة."],
    ),
    "digital_marketing": (
        ["التسويق الرقمي", "التسويق عبر منصات التواصل الاجتماعي", "التجارة الإلكترونية", "صناعة المحتوى الرقمي"],
        ["Digital marketing", "Social media marketing", "E-commerce", "Digital content creation"],
        ["الإعلانات الممولة وتحليل الجمهور.", "فتح متجر إلكتروني وتسويق المنتجات.", "كتابة المحتوى وتصوير المنتجات للنشر."],
    ),
    "cybersecurity": (
        ["الأمن السيبراني", "حماية حساباتك على الإنترنت", "الأمن السيبراني للأسرة", "التوعية بالاحتيال الإلكتروني"],
        ["Cybersecurity", "Protecting your online accounts", "Cybersecurity for families", "Online fraud awareness"],
        ["كلمات المرور والتحقق الثنائي والرسائل المشبوهة.", "حماية الأطفال على الإنترنت.", "كيف تكتشف الاحتيال وتبلغ عنه."],
    ),
    "literacy": (
        ["محو الأمية", "تعليم الكبار القراءة والكتابة", "فصول محو الأمية للنساء", "مهارات القراءة الأساسية للكبار"],
        ["Literacy", "Reading and writing for adults", "Literacy classes for women", "Basic reading for adults"],
        ["تعلم الحروف والقراءة والكتابة والحساب.", "برنامج مسائي لمن فاتهم التعليم.", "شهادة إتمام المرحلة الأولى."],
    ),
    "sign_language": (
        ["لغة الإشارة", "لغة الإشارة السعودية للمبتدئين", "التواصل مع الصم", "مترجم لغة الإشارة"],
        ["Sign language", "Saudi sign language for beginners", "Communicating with deaf people", "Sign language interpreting"],
        ["الإشارات الأساسية للتواصل اليومي.", "فهم ثقافة الصم وضعاف السمع.", "تأهيل مترجمين للغة الإشارة."],
    ),
    "braille": (
        ["طريقة برايل", "القراءة والكتابة بطريقة برايل", "تقنيات مساعدة للمكفوفين", "برايل لأسر المكفوفين"],
        ["Braille", "Reading and writing Braille", "Assistive technology for the blind", "Braille for families"],
        ["الحروف البارزة والقراءة باللمس.", "قارئ الشاشة والأجهزة المساعدة لذوي الإعاقة البصرية.", "دعم الأسر في تعليم أبنائهم المكفوفين."],
    ),
    "tour_guide": (
        ["الإرشاد السياحي", "تأهيل المرشدين السياحيين", "تاريخ المدينة ومعالمها", "السياحة في العلا"],
        ["Tour guiding", "Tour guide training", "The city's history and landmarks", "Tourism in AlUla"],
        ["مهارات استقبال الزوار وشرح المواقع التاريخية.", "جولات في المواقع الأثرية.", "الترخيص المهني للمرشد."],
    ),
    "graphic_design": (
        ["التصميم الجرافيكي", "أساسيات الفوتوشوب", "تصميم الشعارات والهوية", "التصميم بالكانفا"],
        ["Graphic design", "Photoshop basics", "Logo and brand design", "Designing with Canva"],
        ["الألوان والخطوط وتصميم الإعلانات.", "تعديل الصور وتصميم المنشورات.", "بناء هوية بصرية لمشروعك."],
    ),
    "finance": (
        ["الثقافة المالية", "إدارة الميزانية الشخصية", "الادخار والاستثمار للمبتدئين", "التخطيط المالي للأسرة"],
        ["Financial literacy", "Personal budgeting", "Saving and investing basics", "Family financial planning"],
        ["ميزانية شهرية وتجنب الديون.", "أدوات الادخار وصناديق الاستثمار.", "قرارات مالية ذكية للأسرة."],
    ),
    "phone_repair": (
        ["صيانة الجوالات", "إصلاح الهواتف الذكية", "صيانة الأجهزة الإلكترونية", "تغيير شاشات الجوال وبطارياته"],
        ["Mobile phone repair", "Smartphone repair", "Electronics maintenance", "Replacing phone screens and batteries"],
        ["فك وتركيب الأجهزة وتشخيص الأعطال.", "أدوات الصيانة ولحام القطع.", "مهنة مطلوبة في سوق العمل."],
    ),
    "fitness": (
        ["اللياقة البدنية", "رياضة المشي والصحة", "تمارين القوة للنساء", "النشاط البدني لكبار السن"],
        ["Physical fitness", "Walking for health", "Strength training for women", "Exercise for seniors"],
        ["برنامج تمارين آمن ونمط حياة صحي.", "قياس اللياقة ووضع أهداف رياضية.", "تمارين خفيفة في الحدائق العامة."],
    ),
    "swimming": (
        ["تعليم السباحة", "السباحة للأطفال", "السباحة للمبتدئين", "السلامة المائية والإنقاذ"],
        ["Swimming lessons", "Swimming for children", "Swimming for beginners", "Water safety and lifesaving"],
        ["الطفو والتنفس وحركات السباحة الأساسية.", "مسبح مغلق بإشراف مدربين معتمدين.", "الوقاية من الغرق وإنقاذ الغريق."],
    ),
    "drawing": (
        ["الرسم للمبتدئين", "الرسم بالألوان المائية", "الفنون التشكيلية", "الرسم للأطفال"],
        ["Drawing for beginners", "Watercolour painting", "Fine arts", "Drawing for children"],
        ["الظل والنور والمنظور.", "مرسم مفتوح لإنتاج لوحات فنية.", "تنمية الخيال والإبداع بالألوان."],
    ),
    "heritage": (
        ["الحرف اليدوية التراثية", "صناعة الفخار", "حياكة السدو", "صناعة الخوص والسعف"],
        ["Traditional crafts", "Pottery making", "Sadu weaving", "Palm-frond weaving"],
        ["إحياء الحرف التقليدية في المنطقة.", "تشكيل الطين وحرقه وتزيينه.", "منتجات تراثية للبيع في المهرجانات."],
    ),
    "parenting": (
        ["التربية الإيجابية", "مهارات الوالدين في تربية الأبناء", "التعامل مع المراهقين", "الأسرة والتعلم في المنزل"],
        ["Positive parenting", "Parenting skills", "Parenting teenagers", "Learning at home as a family"],
        ["الحوار مع الأبناء وتعديل السلوك.", "بناء عادات التعلم والقراءة في البيت.", "فهم مراحل النمو واحتياجاتها."],
    ),
    "reading": (
        ["نادي القراءة", "مسابقة القراءة للأطفال", "القراءة السريعة", "جلسات قراءة في المكتبة العامة"],
        ["Reading club", "Children's reading challenge", "Speed reading", "Reading sessions at the public library"],
        ["نقاش شهري حول كتاب مختار.", "تشجيع الأطفال على قراءة القصص.", "تقنيات الفهم والقراءة السريعة."],
    ),
    "robotics": (
        ["الروبوت للأطفال", "تصميم وبرمجة الروبوتات", "الإلكترونيات والأردوينو", "العلوم والتقنية للناشئة"],
        ["Robotics for children", "Designing and programming robots", "Electronics with Arduino", "STEM for young people"],
        ["بناء روبوت بسيط وبرمجته.", "دوائر كهربائية ومستشعرات.", "تجارب علمية ممتعة."],
    ),
    "volunteering": (
        ["العمل التطوعي", "التطوع في خدمة الزوار", "إدارة الفرق التطوعية", "التطوع البيئي وتنظيف الشواطئ"],
        ["Volunteering", "Volunteering to serve visitors", "Managing volunteer teams", "Environmental volunteering and beach clean-ups"],
        ["فرص تطوعية مع الجهات الشريكة وساعات موثقة.", "مهارات العمل ضمن فريق.", "حملات تطوعية في الأحياء."],
    ),
}
# fmt: on

PLACES = ["المدينة المنورة", "ينبع", "العلا", "بدر", "خيبر", "المهد"]
# (code, Arabic words appended to the title, English words)
AUDIENCES = [
    ("", "", ""),
    ("children", "للأطفال", "for children"),
    ("women", "للسيدات", "for women"),
    ("youth", "للشباب", "for youth"),
    ("", "", ""),
    ("seniors", "لكبار السن", "for seniors"),
]
PER_TOPIC = 11


def opportunities() -> list[dict]:
    """330 opportunities: for each topic, every title appears in more than one place and
    with several audiences, as repeated runs of one course do."""
    rows = []
    for topic_number, (topic, (titles_ar, titles_en, descriptions)) in enumerate(TOPICS.items()):
        for n in range(PER_TOPIC):
            variant = n % len(titles_ar)
            audience, audience_ar, audience_en = AUDIENCES[(n + topic_number) % len(AUDIENCES)]
            place = PLACES[(n * 5 + topic_number) % len(PLACES)]
            title_ar = f"{titles_ar[variant]} {audience_ar}".strip()
            title_en = f"{titles_en[variant]} {audience_en}".strip()
            description = (
                f"{descriptions[n % len(descriptions)]} {descriptions[(n + 1) % len(descriptions)]} "
                f"تقام في {place} ضمن برنامج مدينة التعلم."
            )
            rows.append({
                "key": f"{topic}-{n}", "topic": topic, "audience": audience, "place": place,
                "title_ar": title_ar, "title_en": title_en, "description_ar": description,
            })  # fmt: skip
    return rows

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>DailyReportPanel</name>
    <message>
        <source>当天所有置业顾问的合计；成交套数每套只计一次</source>
        <translation>All consultants together; each deal is counted once</translation>
    </message>
    <message>
        <source>置业顾问与组长（当天有记录的其他人员也列出）</source>
        <translation>Consultants and team leaders (anyone else with a record that day is listed too)</translation>
    </message>
    <message>
        <source>按轮次接待新客户，占用轮次（第1条）</source>
        <translation>New customers received in turn, using the turn (R1)</translation>
    </message>
    <message>
        <source>使用补接名额接待，轮次不动</source>
        <translation>Received with a make-up credit; the rotation pointer stays</translation>
    </message>
    <message>
        <source>本人老客户（第2条）及点名指定本人的客户，不占轮次</source>
        <translation>Own returning customers (R2) and customers who named them; no turn used</translation>
    </message>
    <message>
        <source>原置业顾问不在现场时代为接待，客户仍归原置业顾问（第2、15条）</source>
        <translation>Stood in for an absent owner; the customer stays the owner's (R2, R15)</translation>
    </message>
    <message>
        <source>值班时段接待（第38条）</source>
        <translation>Received while on duty (R38)</translation>
    </message>
    <message>
        <source>当天实际接待的组数（被取消或拒接的不计）</source>
        <translation>Parties actually received that day (cancelled or refused receptions not counted)</translation>
    </message>
    <message>
        <source>被轮次跳过并获得补接名额（案场公事外出，第4条）</source>
        <translation>Passed over by the rotation and given a make-up credit (official business, R4)</translation>
    </message>
    <message>
        <source>被轮次跳过、不补（接待中、私事外出或欠一次轮次，第4、11、25条）</source>
        <translation>Passed over without a credit (busy, personal errand or an owed turn, R4, R11, R25)</translation>
    </message>
    <message>
        <source>当天获得的补接名额（跳过、代接待、同行、认领成立、主管补发）</source>
        <translation>Make-up credits earned that day (skips, stand-ins, competitors, upheld claims, granted by the supervisor)</translation>
    </message>
    <message>
        <source>当天用补接名额接待的次数</source>
        <translation>Receptions that used a make-up credit that day</translation>
    </message>
    <message>
        <source>当天提出的认领（第20条）</source>
        <translation>Claims filed that day (R20)</translation>
    </message>
    <message>
        <source>其中案场经理裁决归本人的</source>
        <translation>Of which the site manager ruled in their favour</translation>
    </message>
    <message>
        <source>当天提出的归属争议（第16、17、22条）</source>
        <translation>Ownership disputes filed that day (R16, R17, R22)</translation>
    </message>
    <message>
        <source>当天签约、本人参与分配业绩的成交套数</source>
        <translation>Deals signed that day in which they share the commission</translation>
    </message>
    <message>
        <source>本人所占业绩份额（平分为0.5，第16、22条）</source>
        <translation>Their share of those deals (0.5 for an even split, R16, R22)</translation>
    </message>
    <message>
        <source>拒绝接待客户的次数（第28条）</source>
        <translation>Customers refused (R28)</translation>
    </message>
    <message>
        <source>当天登记的处罚（第18、28、33条）</source>
        <translation>Sanctions recorded that day (R18, R28, R33)</translation>
    </message>
    <message>
        <source>轮接</source>
        <translation>In turn</translation>
    </message>
    <message>
        <source>补接</source>
        <translation>Make-up</translation>
    </message>
    <message>
        <source>老客户/指定</source>
        <translation>Own / named</translation>
    </message>
    <message>
        <source>代接待</source>
        <translation>Stand-in</translation>
    </message>
    <message>
        <source>值班</source>
        <translation>Duty</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>跳过·补</source>
        <translation>Skip, credit</translation>
    </message>
    <message>
        <source>跳过·不补</source>
        <translation>Skip, none</translation>
    </message>
    <message>
        <source>获补接</source>
        <translation>Credits got</translation>
    </message>
    <message>
        <source>用补接</source>
        <translation>Credits used</translation>
    </message>
    <message>
        <source>认领</source>
        <translation>Claims</translation>
    </message>
    <message>
        <source>认领成立</source>
        <translation>Claims won</translation>
    </message>
    <message>
        <source>争议</source>
        <translation>Disputes</translation>
    </message>
    <message>
        <source>争议成立</source>
        <translation>Disputes won</translation>
    </message>
    <message>
        <source>成交</source>
        <translation>Deals</translation>
    </message>
    <message>
        <source>业绩</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>拒接</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>处罚</source>
        <translation>Sanctions</translation>
    </message>
    <message>
        <source>每日报表</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <source>前一天</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <source>后一天</source>
        <translation>Next day</translation>
    </message>
    <message>
        <source>yyyy年M月d日 dddd</source>
        <translation>ddd d MMM yyyy</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>打印报表</source>
        <translation>Print report</translation>
    </message>
    <message>
        <source>保存当天报表PDF（A4横向），可打开或打印（Ctrl+P）</source>
        <translation>Save the day's report as a PDF (A4 landscape) to open or print (Ctrl+P)</translation>
    </message>
    <message>
        <source>接待构成</source>
        <translation>Receptions by kind</translation>
    </message>
    <message>
        <source>当天没有接待记录。</source>
        <translation>No receptions on this day.</translation>
    </message>
    <message>
        <source>明细</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>接待（组）</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>跳过与获得补接名额按操作日志统计。表头可查看每列的含义。</source>
        <translation>Skips and credits earned are counted from the journal. Hover over a column header to see what it counts.</translation>
    </message>
    <message>
        <source>未连接操作日志：跳过次数无法统计（显示为“—”），获得补接名额只计仍持有的名额。</source>
        <translation>No journal: skips cannot be counted (shown as “—”) and credits earned counts only credits still held.</translation>
    </message>
    <message>
        <source>报表已保存。</source>
        <translation>The report was saved.</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>接待 {n} 组</source>
        <translation>Received {n}</translation>
    </message>
    <message>
        <source>成交 {n} 套</source>
        <translation>Deals {n}</translation>
    </message>
    <message>
        <source>报表已保存：{path}</source>
        <translation>Report saved: {path}</translation>
    </message>
    <message>
        <source>未接待离开 {n} 组</source>
        <translation>Left unreceived {n}</translation>
    </message>
    <message>
        <source>{name} · {kind} {n} 组（共 {total} 组）</source>
        <translation>{name} · {kind}: {n} ({total} in all)</translation>
    </message>
    <message>
        <source>报表读取失败：{error}</source>
        <translation>Could not read the report: {error}</translation>
    </message>
    <message>
        <source>报表PDF保存失败：{error}</source>
        <translation>Could not save the report PDF: {error}</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>PanelKit</name>
    <message>
        <source>销售部</source>
        <translation>Sales department</translation>
    </message>
    <message>
        <source>需{role}或以上（{rule}）</source>
        <translation>Needs a {role} or above ({rule})</translation>
    </message>
    <message>
        <source>仅限{role}或以上</source>
        <translation>Only {role} or above</translation>
    </message>
    <message>
        <source>电话尾号、姓名或拼音首字母</source>
        <translation>Phone digits, name or pinyin initials</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（请先搜索客户）</source>
        <translation>(search for a customer first)</translation>
    </message>
    <message>
        <source>没有找到匹配的客户</source>
        <translation>No matching customer</translation>
    </message>
    <message>
        <source>无归属</source>
        <translation>no owner</translation>
    </message>
    <message>
        <source>{name}  {phone}  · 归{owner}</source>
        <translation>{name}  {phone}  · owner: {owner}</translation>
    </message>
</context>
<context>
    <name>NoticePanel</name>
    <message>
        <source>今日认领公示</source>
        <translation>Today's claim notice</translation>
    </message>
    <message>
        <source>打印公示</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <source>保存公示PDF并打印（Ctrl+P）</source>
        <translation>Save the notice as PDF and print it (Ctrl+P)</translation>
    </message>
    <message>
        <source>结束公示 / 收工</source>
        <translation>End notice / close day</translation>
    </message>
    <message>
        <source>今日公示结束：无人认领的客户归接待人员（第20条）</source>
        <translation>End today's notice: unclaimed customers stay with their receivers (R20)</translation>
    </message>
    <message>
        <source>筛选客户或接待人员</source>
        <translation>Filter customers</translation>
    </message>
    <message>
        <source>今日暂无需要公示的客户。</source>
        <translation>No customers on today's notice.</translation>
    </message>
    <message>
        <source>认领（第20条）</source>
        <translation>Claim (R20)</translation>
    </message>
    <message>
        <source>早先登记的客户：电话尾号、姓名或拼音</source>
        <translation>Earlier record: phone, name or pinyin</translation>
    </message>
    <message>
        <source>认领所选客户</source>
        <translation>Claim selected customer</translation>
    </message>
    <message>
        <source>认领人：</source>
        <translation>Claimant:</translation>
    </message>
    <message>
        <source>同一客户（可选）：</source>
        <translation>Same customer as (optional):</translation>
    </message>
    <message>
        <source>只有置业顾问或组长可以认领（第20条）</source>
        <translation>Only a consultant or team leader may claim (R20)</translation>
    </message>
    <message>
        <source>公示中</source>
        <translation>On notice</translation>
    </message>
    <message>
        <source>已认领，待裁决</source>
        <translation>Claimed, awaiting ruling</translation>
    </message>
    <message>
        <source>无人认领，归接待人员</source>
        <translation>Unclaimed, stays with receiver</translation>
    </message>
    <message>
        <source>认领成立</source>
        <translation>Claim upheld</translation>
    </message>
    <message>
        <source>认领不成立</source>
        <translation>Claim rejected</translation>
    </message>
    <message>
        <source>自述来过但说不出上次接待人员的客户，由轮接人员接待并公示一天；原接待人员可在公示时间内凭来访登记本认领，由案场经理裁决。</source>
        <translation>Customers who say they have been here but cannot name their consultant are received in rotation and posted for one day; the earlier consultant may claim them during the notice hours with the visit book as evidence, and the site manager rules.</translation>
    </message>
    <message>
        <source>请以置业顾问或组长身份登录后认领</source>
        <translation>Sign in as a consultant or team leader to claim</translation>
    </message>
    <message>
        <source>今日公示已结束</source>
        <translation>Today's notice has ended</translation>
    </message>
    <message>
        <source>以来访登记本为据认领该客户，由案场经理裁决（第20、32条）</source>
        <translation>Claim this customer with the visit book as evidence; the site manager rules (R20, R32)</translation>
    </message>
    <message>
        <source>仅限置业顾问或组长</source>
        <translation>Consultants and team leaders only</translation>
    </message>
    <message>
        <source>今日已收工</source>
        <translation>Day closed</translation>
    </message>
    <message>
        <source>该客户没有可用于认领的登记信息（姓名或电话）。</source>
        <translation>This customer has no registration (name or phone) a claim can refer to.</translation>
    </message>
    <message>
        <source>结束公示</source>
        <translation>End notice</translation>
    </message>
    <message>
        <source>结束今日公示并收工？
无人认领的客户将归接待人员所有（第20条），此操作不能撤销。</source>
        <translation>End today's notice and close the day?
Unclaimed customers will belong to their receivers (R20). This cannot be undone.</translation>
    </message>
    <message>
        <source>来访时间</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>接待人员</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>认领人</source>
        <translation>Claimant</translation>
    </message>
    <message>
        <source>{date}　公示时间 {start}–{end}　共 {n} 位</source>
        <translation>{date}   posted {start}–{end}   {n} customer(s)</translation>
    </message>
    <message>
        <source>请先在表中选择要认领的客户</source>
        <translation>Select the customer to claim in the table first</translation>
    </message>
    <message>
        <source>公示已保存：{path}</source>
        <translation>Notice saved: {path}</translation>
    </message>
    <message>
        <source>不能认领自己接待的客户</source>
        <translation>You cannot claim your own reception</translation>
    </message>
    <message>
        <source>公示PDF保存失败：{error}</source>
        <translation>Could not save the notice PDF: {error}</translation>
    </message>
    <message>
        <source>该客户已{status}，不能再认领</source>
        <translation>This entry is already {status} and cannot be claimed</translation>
    </message>
</context>
<context>
    <name>DisputePanel</name>
    <message>
        <source>待裁决</source>
        <translation>open</translation>
    </message>
    <message>
        <source>已裁决</source>
        <translation>ruled</translation>
    </message>
    <message>
        <source>记录经修改，不作为依据（第3条）</source>
        <translation>Amended: void as evidence (R3)</translation>
    </message>
    <message>
        <source>未登记姓名电话，不作为依据（第9条）</source>
        <translation>Never registered: no evidence (R9)</translation>
    </message>
    <message>
        <source>记录完整无修改</source>
        <translation>Complete and unaltered</translation>
    </message>
    <message>
        <source>可采信</source>
        <translation>Admissible</translation>
    </message>
    <message>
        <source>不可采信</source>
        <translation>Not admissible</translation>
    </message>
    <message>
        <source>已裁决：归{name}</source>
        <translation>Ruled: {name}'s</translation>
    </message>
    <message>
        <source>{kind}（{customer}）</source>
        <translation>{kind} ({customer})</translation>
    </message>
    <message>
        <source>认领与争议</source>
        <translation>Claims and disputes</translation>
    </message>
    <message>
        <source>显示已裁决</source>
        <translation>Show ruled</translation>
    </message>
    <message>
        <source>目前没有待裁决的认领或争议。</source>
        <translation>No claims or disputes are waiting for a ruling.</translation>
    </message>
    <message>
        <source>请在左侧选择一项认领或争议。</source>
        <translation>Select a claim or dispute on the left.</translation>
    </message>
    <message>
        <source>证据时间线</source>
        <translation>Evidence timeline</translation>
    </message>
    <message>
        <source>第3条：记录经修改的，不作为依据</source>
        <translation>R3: amended records are void as evidence</translation>
    </message>
    <message>
        <source>系统建议裁决</source>
        <translation>Proposed ruling</translation>
    </message>
    <message>
        <source>案场经理裁决（第32条）</source>
        <translation>Site manager's ruling (R32)</translation>
    </message>
    <message>
        <source>改判给：</source>
        <translation>Rule instead for:</translation>
    </message>
    <message>
        <source>裁决理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>打印裁决书</source>
        <translation>Print case file</translation>
    </message>
    <message>
        <source>确认裁决</source>
        <translation>Confirm ruling</translation>
    </message>
    <message>
        <source>{claimant}于{time}认领（第20条），现由{owner}接待并归属</source>
        <translation>{claimant} claimed at {time} (R20); received by and currently owned by {owner}</translation>
    </message>
    <message>
        <source>{claimant}于{time}提出归属争议，现归{owner}</source>
        <translation>{claimant} disputed ownership at {time}; currently {owner}'s</translation>
    </message>
    <message>
        <source>只有案场经理或以上可以裁决（第32条）</source>
        <translation>Only the site manager or above may rule (R32)</translation>
    </message>
    <message>
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>争议</source>
        <translation>Dispute</translation>
    </message>
    <message>
        <source>对每日公示客户的认领（第20条）</source>
        <translation>A claim against the daily notice (R20)</translation>
    </message>
    <message>
        <source>对客户归属的争议（第16、17、22条）</source>
        <translation>A dispute over ownership (R16, R17, R22)</translation>
    </message>
    <message>
        <source>来访登记</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>回访记录</source>
        <translation>Follow-up record</translation>
    </message>
    <message>
        <source>建议归属：</source>
        <translation>Proposed owner:</translation>
    </message>
    <message>
        <source>依据条款：</source>
        <translation>Rules:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Explanation:</translation>
    </message>
    <message>
        <source>维持系统建议</source>
        <translation>Proposal confirmed</translation>
    </message>
    <message>
        <source>记录裁决；当事各方须服从（第32条）</source>
        <translation>Record the ruling; the parties must comply (R32)</translation>
    </message>
    <message>
        <source>必填：说明改判的理由，如证据核实情况</source>
        <translation>Required: why you rule against the proposal, e.g. what the evidence showed</translation>
    </message>
    <message>
        <source>选填：补充说明</source>
        <translation>Optional: a note</translation>
    </message>
    <message>
        <source>该客户没有可用的登记信息（姓名或电话），无法裁决。</source>
        <translation>This customer has no registration (name or phone) a ruling can refer to.</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>提出人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>采信</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>确认系统建议：归{name}</source>
        <translation>Confirm the proposal: {name}'s</translation>
    </message>
    <message>
        <source>本案已裁决。</source>
        <translation>This case has been ruled.</translation>
    </message>
    <message>
        <source>裁决书已保存：{path}</source>
        <translation>Case file saved: {path}</translation>
    </message>
    <message>
        <source>电话 {phone}　·　</source>
        <translation>Phone {phone}  ·  </translation>
    </message>
    <message>
        <source>已裁决：归{name}。理由：{reason}</source>
        <translation>Ruled: {name}'s. Reason: {reason}</translation>
    </message>
    <message>
        <source>改判须写明理由（第32条）。</source>
        <translation>Ruling against the proposal needs a written reason (R32).</translation>
    </message>
    <message>
        <source>裁决书保存失败：{error}</source>
        <translation>Could not save the case file: {error}</translation>
    </message>
</context>
<context>
    <name>SupervisorPanel</name>
    <message>
        <source>今日轮次（第6条）</source>
        <translation>Today's rotation (R6)</translation>
    </message>
    <message>
        <source>拖动姓名调整顺序，排在第一位的为下一位接待。</source>
        <translation>Drag names to reorder; the first one is next up.</translation>
    </message>
    <message>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>应用顺序</source>
        <translation>Apply order</translation>
    </message>
    <message>
        <source>外出与返回（第4条）</source>
        <translation>Stepping out and back (R4)</translation>
    </message>
    <message>
        <source>私事（跳过不补）</source>
        <translation>Personal (skipped, no make-up)</translation>
    </message>
    <message>
        <source>案场公事（跳过可补接）</source>
        <translation>Official site business (skip earns a make-up)</translation>
    </message>
    <message>
        <source>登记外出</source>
        <translation>Step out</translation>
    </message>
    <message>
        <source>返回现场</source>
        <translation>Back on the floor</translation>
    </message>
    <message>
        <source>轮休与加班（第10条）</source>
        <translation>Rest day and overtime (R10)</translation>
    </message>
    <message>
        <source>今日轮休</source>
        <translation>Rest today</translation>
    </message>
    <message>
        <source>加班</source>
        <translation>Overtime</translation>
    </message>
    <message>
        <source>早晚值班（第38条）</source>
        <translation>Early and late duty (R38)</translation>
    </message>
    <message>
        <source>设置值班</source>
        <translation>Set duty</translation>
    </message>
    <message>
        <source>补接名额（第6条）</source>
        <translation>Make-up credits (R6)</translation>
    </message>
    <message>
        <source>必填：补发或撤销的原因</source>
        <translation>Required: why the credit is granted or revoked</translation>
    </message>
    <message>
        <source>补发名额</source>
        <translation>Grant credit</translation>
    </message>
    <message>
        <source>撤销名额</source>
        <translation>Revoke credit</translation>
    </message>
    <message>
        <source>分配客户（第6、7、8条）</source>
        <translation>Assign a customer (R6, R7, R8)</translation>
    </message>
    <message>
        <source>电话尾号、姓名或拼音</source>
        <translation>Phone digits, name or pinyin</translation>
    </message>
    <message>
        <source>分配</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>回访记录（第14条）</source>
        <translation>Follow-up record (R14)</translation>
    </message>
    <message>
        <source>客户：电话、姓名或拼音</source>
        <translation>Customer: phone, name or pinyin</translation>
    </message>
    <message>
        <source>选填：回访方式与内容</source>
        <translation>Optional: how and what was discussed</translation>
    </message>
    <message>
        <source>记录回访</source>
        <translation>Record follow-up</translation>
    </message>
    <message>
        <source>处罚（第18、28、33条）</source>
        <translation>Sanctions (R18, R28, R33)</translation>
    </message>
    <message>
        <source>记录处罚</source>
        <translation>Record sanction</translation>
    </message>
    <message>
        <source>休假（第10条）</source>
        <translation>Leave (R10)</translation>
    </message>
    <message>
        <source>登记休假</source>
        <translation>Record leave</translation>
    </message>
    <message>
        <source>离职与调离（第19、30、31条）</source>
        <translation>Departures and transfers (R19, R30, R31)</translation>
    </message>
    <message>
        <source>办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>人员：</source>
        <translation>Staff:</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>值班人员：</source>
        <translation>On duty:</translation>
    </message>
    <message>
        <source>值班时间：</source>
        <translation>Duty hours:</translation>
    </message>
    <message>
        <source>现有名额：</source>
        <translation>Credits held:</translation>
    </message>
    <message>
        <source>客户：</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <source>分配给：</source>
        <translation>Assign to:</translation>
    </message>
    <message>
        <source>置业顾问：</source>
        <translation>Consultant:</translation>
    </message>
    <message>
        <source>回访日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>依据：</source>
        <translation>Rule:</translation>
    </message>
    <message>
        <source>休假日期：</source>
        <translation>Dates:</translation>
    </message>
    <message>
        <source>客户代管：</source>
        <translation>Covered by:</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>交接人：</source>
        <translation>Successor:</translation>
    </message>
    <message>
        <source>在岗安排</source>
        <translation>On the floor</translation>
    </message>
    <message>
        <source>名额与客户</source>
        <translation>Credits and customers</translation>
    </message>
    <message>
        <source>处罚与人员</source>
        <translation>Sanctions and staff</translation>
    </message>
    <message>
        <source>请先填写原因（第6条：须记录原因）</source>
        <translation>Write the reason first (R6: every such act records why)</translation>
    </message>
    <message>
        <source>人员变动</source>
        <translation>Staff change</translation>
    </message>
    <message>
        <source>空闲</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>接待中</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <source>私事外出</source>
        <translation>Out (personal)</translation>
    </message>
    <message>
        <source>公事外出</source>
        <translation>Out (official)</translation>
    </message>
    <message>
        <source>轮休</source>
        <translation>Rest day</translation>
    </message>
    <message>
        <source>休假</source>
        <translation>On leave</translation>
    </message>
    <message>
        <source>停接中</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>未签到</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>已签退</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <source>（不安排代管）</source>
        <translation>(no cover)</translation>
    </message>
    <message>
        <source>第18条 私留被指名客户：停接3天</source>
        <translation>R18 kept a named customer: 3 days' suspension</translation>
    </message>
    <message>
        <source>第28条 拒接客户：算旷工1天</source>
        <translation>R28 refused a customer: 1 day's absence</translation>
    </message>
    <message>
        <source>第33条 当客户面争抢客户：罚款50元</source>
        <translation>R33 fought over a customer in front of them: 50 yuan fine</translation>
    </message>
    <message>
        <source>辞职（客户归销售部，第31条）</source>
        <translation>Resigned (customers to the pool, R31)</translation>
    </message>
    <message>
        <source>裁员（客户归销售部，第30条）</source>
        <translation>Laid off (customers to the pool, R30)</translation>
    </message>
    <message>
        <source>调离案场（指定交接人，第19条）</source>
        <translation>Transferred (designated successor, R19)</translation>
    </message>
    <message>
        <source>轮休者不参加今日轮次；自愿加班者排在轮次末尾。</source>
        <translation>A consultant on a rest day is out of the rotation; a volunteer joins at the end.</translation>
    </message>
    <message>
        <source>值班时段内的新客户归值班人员，不影响其轮次。</source>
        <translation>New customers during duty hours are the duty consultant's; their place in the rotation does not change.</translation>
    </message>
    <message>
        <source>只能分配销售部客户（离职人员的客户）或公司介绍的客户；手工分配不占轮次。</source>
        <translation>Only pool customers (of departed consultants) or company referrals can be assigned; assigning by hand takes no turn.</translation>
    </message>
    <message>
        <source>休假超过15天须事先安排客户并告知案场经理，否则来访客户按新客户处理。</source>
        <translation>Leave of more than 15 days needs the customers arranged and the site manager told beforehand; otherwise they count as new customers.</translation>
    </message>
    <message>
        <source>主管工具</source>
        <translation>Supervisor tools</translation>
    </message>
    <message>
        <source> · 值班</source>
        <translation> · on duty</translation>
    </message>
    <message>
        <source>今日轮次为空：置业顾问签到后按签到顺序加入。</source>
        <translation>Today's rotation is empty: consultants join in sign-in order.</translation>
    </message>
    <message>
        <source>结束早于开始</source>
        <translation>Ends before it starts</translation>
    </message>
    <message>
        <source>调离案场须由专案经理指定交接人（第19条）。</source>
        <translation>A transfer needs the project manager to designate a successor (R19).</translation>
    </message>
    <message>
        <source>办理调离</source>
        <translation>Record transfer</translation>
    </message>
    <message>
        <source>办理离职</source>
        <translation>Record departure</translation>
    </message>
    <message>
        <source>请先搜索并选择要分配的客户。</source>
        <translation>Search for and select the customer to assign first.</translation>
    </message>
    <message>
        <source>请先搜索并选择回访的客户。</source>
        <translation>Search for and select the customer followed up first.</translation>
    </message>
    <message>
        <source>下一位接待</source>
        <translation>Next up</translation>
    </message>
    <message>
        <source>{n} 个</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>其客户及其老客户介绍的新客户归交接人（第19条）。</source>
        <translation>Their customers, and new customers referred by them, go to the successor (R19).</translation>
    </message>
    <message>
        <source>其客户归销售部统一追踪，未下订的再来访按新客户轮接（第8条）。</source>
        <translation>Their customers go to the department pool; those without an order count as new customers when they return (R8).</translation>
    </message>
    <message>
        <source>确认为{name}办理：{kind}？此操作不能撤销。</source>
        <translation>Record for {name}: {kind}? This cannot be undone.</translation>
    </message>
    <message>
        <source> · 补接{n}</source>
        <translation> · {n} make-up</translation>
    </message>
    <message>
        <source>共 {n} 天</source>
        <translation>{n} day(s)</translation>
    </message>
    <message>
        <source>确认对{name}记录处罚：{rule}？</source>
        <translation>Record a sanction for {name}: {rule}?</translation>
    </message>
    <message>
        <source>第{n}位</source>
        <translation>No. {n}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>员工登录</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <source>4至8位数字</source>
        <translation>4 to 8 digits</translation>
    </message>
    <message>
        <source>前台（退出登录）</source>
        <translation>Front desk (sign out)</translation>
    </message>
    <message>
        <source>本机回到前台权限：可登记来访，不能做主管及以上的操作</source>
        <translation>Return this station to front-desk rights: check-ins only, no supervisor actions</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>本机当前为前台权限。</source>
        <translation>This station has front-desk rights.</translation>
    </message>
    <message>
        <source>请选择一位在职员工。</source>
        <translation>Choose a current staff member.</translation>
    </message>
    <message>
        <source>密码不正确，请重新输入。</source>
        <translation>Wrong PIN, please try again.</translation>
    </message>
    <message>
        <source>当前登录：{name}</source>
        <translation>Signed in: {name}</translation>
    </message>
    <message>
        <source>{name}尚未设置密码，请联系案场经理设置。</source>
        <translation>{name} has no PIN yet; ask the site manager to set one.</translation>
    </message>
    <message>
        <source>密码连续输错{n}次，请{s}秒后再试。</source>
        <translation>{n} wrong PINs in a row; try again in {s} seconds.</translation>
    </message>
</context>
    <context>
        <name>DisputePanel</name>
        <message>
            <source>系统未提出建议，请查阅来访登记本后裁决</source>
            <translation>No proposal: rule on the visit book</translation>
        </message>
    </context>
</TS>
